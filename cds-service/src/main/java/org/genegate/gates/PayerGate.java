package org.genegate.gates;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.genegate.clinical.FhirDates;
import org.genegate.clinical.References;
import org.genegate.findings.Evidence;
import org.genegate.findings.GateFinding;
import org.genegate.policy.GateTitles;
import org.genegate.findings.GateStatus;
import org.genegate.findings.Severity;
import org.genegate.findings.SourceClass;
import org.genegate.record.RecordPart;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;

/**
 * The payer's requirements for J1411, from the patient's active Coverage and the policy's payer
 * table. Payer facts are always information (an info card); the same match feeds the Da Vinci CRD
 * coverage-information the card layer attaches to the order.
 */
public final class PayerGate implements Gate<PayerSettings> {

    public static final GateDefinition<PayerSettings> DEFINITION = new GateDefinition<>(PayerSettings.ID,
            new GateTitles("Payer", "payer", "payer requirements"),
            CardGroup.PAYER_INFO, List.of(SourceClass.PAYER),
            PayerSettings.class, PayerSettings::read, policy -> new PayerGate());

    /** Coverage class types (http://terminology.hl7.org/CodeSystem/coverage-class) that name the plan. */
    private static final Set<String> PLAN_CLASSES = Set.of("plan", "subplan", "group", "subgroup");

    /** The active Coverage, the text its payor is known by, and the table row it matched (if any). */
    public record PayerMatch(Coverage coverage, String payorName, Optional<PayerEntry> entry) {
    }

    @Override
    public Set<RecordPart> reads() {
        return Set.of(RecordPart.COVERAGE);
    }

    @Override
    public GateFinding evaluate(GateInput<PayerSettings> in) {
        Optional<PayerMatch> match = match(in);
        if (match.isEmpty()) {
            return in.finding(GateStatus.MISSING, "No active Coverage on " + in.orderDate()
                    + " is on record, so the payer's " + in.product().label()
                    + " requirements are unknown.", List.of(), List.of());
        }
        Coverage coverage = match.get().coverage();
        Evidence evidence = new Evidence(References.of(coverage), "active coverage", match.get().payorName(),
                coverage.hasPeriod() ? FhirDates.earliestDay(coverage.getPeriod().getStartElement()).orElse(null) : null);
        if (match.get().entry().isEmpty()) {
            return in.finding(GateStatus.MISSING, "Payer " + match.get().payorName() + " is not in the policy's payer "
                    + "table; check its " + in.product().label()
                    + " prior-authorization policy.", List.of(evidence), List.of());
        }
        PayerEntry entry = match.get().entry().get();
        String pa = switch (entry.priorAuthorization()) {
            case YES -> "prior authorization is required";
            case NO -> "no prior authorization is required";
            case VARIES -> "prior authorization varies by plan or contractor";
        };
        return in.finding(GateStatus.PASS, Severity.INFO, entry.name() + ": " + pa + " for " + in.product().label()
                + "; "
                + "outcomes-based agreement: " + entry.outcomesBasedAgreement() + "; documentation: "
                + String.join("; ", entry.documentation()) + ".", List.of(evidence), List.of());
    }

    /**
     * The CRD coverage facts for the order, or empty without an active Coverage. A payer missing
     * from the table is "conditional" on both counts: nothing says it needs no authorization.
     */
    public Optional<CoverageDetermination> coverageDetermination(GateInput<PayerSettings> in) {
        return match(in).map(match -> {
            String reference = References.of(match.coverage());
            if (match.entry().isEmpty()) {
                return new CoverageDetermination(reference, match.payorName(), null, "conditional", "conditional",
                        "unknown (payer not in the policy table)", List.of());
            }
            PayerEntry entry = match.entry().get();
            String paNeeded = switch (entry.priorAuthorization()) {
                case YES -> "auth-needed";
                case NO -> "no-auth";
                case VARIES -> "conditional";
            };
            String covered = entry.priorAuthorization() == PriorAuthorization.NO ? "covered" : "conditional";
            return new CoverageDetermination(reference, entry.name(), entry.id(), covered, paNeeded,
                    entry.outcomesBasedAgreement(), entry.documentation());
        });
    }

    /**
     * The active Coverage on the order date (lowest Coverage.order first) and its row in the payer table.
     * The payor's names decide; when they name several rows (CMS, "Centers for Medicare and Medicaid
     * Services", names both Medicare and Medicaid), the Coverage's plan and type (Coverage.type,
     * Coverage.class plan/group) pick among them, else the first in table order; a payor that names no row
     * is matched on the plan alone.
     */
    public Optional<PayerMatch> match(GateInput<PayerSettings> in) {
        List<Resource> part = in.record().resources(RecordPart.COVERAGE, Resource.class);
        List<Coverage> active = new ArrayList<>();
        for (Resource resource : part) {
            if (resource instanceof Coverage coverage && isActiveOn(coverage, in.orderDate())) {
                active.add(coverage);
            }
        }
        if (active.isEmpty()) {
            return Optional.empty();
        }
        active.sort(Comparator.comparingInt(c -> c.hasOrder() ? c.getOrder() : Integer.MAX_VALUE));
        Coverage coverage = active.get(0);
        List<String> names = payorTexts(coverage, part);
        List<String> plans = planTexts(coverage);
        List<PayerEntry> byName = matching(in.policy().payers(), names);
        List<PayerEntry> byPlan = matching(byName.isEmpty() ? in.policy().payers() : byName, plans);
        String payorName = names.isEmpty() ? plans.isEmpty() ? "(payor not named)" : "plan " + plans.get(0)
                : names.get(0);
        Optional<PayerEntry> entry = byName.size() == 1 ? Optional.of(byName.get(0))
                : !byPlan.isEmpty() ? Optional.of(byPlan.get(0))
                : byName.stream().findFirst();
        return Optional.of(new PayerMatch(coverage, payorName, entry));
    }

    /** The table rows that any of the texts names, in table order. */
    private static List<PayerEntry> matching(List<PayerEntry> payers, List<String> texts) {
        String searchable = String.join(" | ", texts).toLowerCase(Locale.ROOT);
        List<PayerEntry> matches = new ArrayList<>();
        for (PayerEntry entry : payers) {
            if (!searchable.isEmpty() && entry.matchesLowerCase(searchable)) {
                matches.add(entry);
            }
        }
        return matches;
    }

    /** What the Coverage says of its plan: Coverage.type (text, displays, codes) and class plan/group value and name. */
    private static List<String> planTexts(Coverage coverage) {
        List<String> texts = new ArrayList<>();
        if (coverage.hasType()) {
            texts.add(coverage.getType().getText());
            coverage.getType().getCoding().forEach(c -> {
                texts.add(c.getDisplay());
                texts.add(c.getCode());
            });
        }
        for (Coverage.ClassComponent planClass : coverage.getClass_()) {
            boolean planOrGroup = planClass.hasType() && planClass.getType().getCoding().stream()
                    .anyMatch(c -> PLAN_CLASSES.contains(c.getCode()));
            if (planOrGroup) {
                texts.add(planClass.getValue());
                texts.add(planClass.getName());
            }
        }
        texts.removeIf(t -> t == null || t.isBlank());
        return texts;
    }

    /** Active status and a period that covers the date (open ends count as covering). */
    static boolean isActiveOn(Coverage coverage, LocalDate date) {
        if (coverage.getStatus() != Coverage.CoverageStatus.ACTIVE) {
            return false;
        }
        if (!coverage.hasPeriod()) {
            return true;
        }
        Optional<LocalDate> start = FhirDates.earliestDay(coverage.getPeriod().getStartElement());
        Optional<LocalDate> end = FhirDates.latestDay(coverage.getPeriod().getEndElement());
        return start.map(s -> !s.isAfter(date)).orElse(true) && end.map(e -> !e.isBefore(date)).orElse(true);
    }

    /** Names and identifiers the payor goes by: display, the Organization's name, aliases and identifiers. */
    private static List<String> payorTexts(Coverage coverage, List<Resource> part) {
        List<String> texts = new ArrayList<>();
        for (Reference payor : coverage.getPayor()) {
            Optional<Organization> organization = References.resolve(payor, Organization.class, coverage, part);
            organization.filter(Organization::hasName).ifPresent(o -> texts.add(o.getName()));
            if (payor.hasDisplay()) {
                texts.add(payor.getDisplay());
            }
            if (payor.hasIdentifier() && payor.getIdentifier().hasValue()) {
                texts.add(payor.getIdentifier().getValue());
            }
            organization.ifPresent(o -> {
                for (StringType alias : o.getAlias()) {
                    texts.add(alias.getValue());
                }
                for (Identifier identifier : o.getIdentifier()) {
                    if (identifier.hasValue()) {
                        texts.add(identifier.getValue());
                    }
                }
            });
        }
        texts.removeIf(t -> t == null || t.isBlank());
        return texts;
    }
}
