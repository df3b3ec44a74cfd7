package org.genegate.cards;

import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.genegate.cdshooks.Action;
import org.genegate.cdshooks.Card;
import org.genegate.cdshooks.CardCoding;
import org.genegate.cdshooks.CardSource;
import org.genegate.cdshooks.Link;
import org.genegate.cdshooks.Suggestion;
import org.genegate.findings.Evidence;
import org.genegate.findings.GateFinding;
import org.genegate.findings.GateStatus;
import org.genegate.findings.Remedy;
import org.genegate.findings.Severity;
import org.genegate.findings.SourceClass;
import org.genegate.gates.Assessment;
import org.genegate.gates.CardGroup;
import org.genegate.gates.GateCatalog;
import org.genegate.monitoring.MonitoringPlanBuilder;
import org.genegate.orders.DraftOrder;
import org.genegate.policy.ProductSettings;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;

/**
 * Turns an assessment into grouped cards, because clinicians drown in one-card-per-rule alerts:
 * one critical card for the blocking gates (override needs a reason), one warning card for
 * documentation gaps (its suggestions order the missing tests, create the monitoring plan and fix the
 * dose), one warning card for what could not be verified, one warning card for billing codes, and one
 * info card for the payer with links.
 */
public final class CardComposer {

    static final int MAX_SUMMARY = 139;

    private final FhirContext fhirContext;
    private final CardSettings settings;
    private final ProductSettings product;
    private final MonitoringPlanBuilder planBuilder;

    public CardComposer(FhirContext fhirContext, CardSettings settings, MonitoringPlanBuilder planBuilder) {
        this.fhirContext = fhirContext;
        this.settings = settings;
        this.product = settings.product();
        this.planBuilder = planBuilder;
    }

    /**
     * @param smartAppUrl launch URL of the SMART checklist page; the payer card links it (type smart)
     */
    public List<Card> compose(Assessment assessment, String smartAppUrl) {
        List<Card> cards = new ArrayList<>(5);
        List<GateFinding> findings = assessment.findings();
        GateCatalog gates = assessment.gates();
        List<GateFinding> critical = select(findings, f -> f.severity() == Severity.CRITICAL);
        List<GateFinding> unverified = select(findings, f -> f.status() == GateStatus.COULD_NOT_VERIFY
                && f.severity() != Severity.CRITICAL);
        List<GateFinding> coding = select(findings, f -> f.severity() == Severity.WARNING
                && f.status() != GateStatus.COULD_NOT_VERIFY && gates.inCardGroup(f.gateId(), CardGroup.CODING));
        List<GateFinding> documentation = select(findings, f -> f.severity() == Severity.WARNING
                && f.status() != GateStatus.COULD_NOT_VERIFY && !gates.inCardGroup(f.gateId(), CardGroup.CODING));
        List<GateFinding> info = select(findings, f -> f.severity() == Severity.INFO);

        DraftOrder order = assessment.order();
        if (!critical.isEmpty()) {
            cards.add(criticalCard(gates, critical, order));
        }
        if (!documentation.isEmpty()) {
            cards.add(documentationCard(gates, documentation, order));
        }
        if (!unverified.isEmpty()) {
            cards.add(unverifiedCard(gates, unverified));
        }
        if (!coding.isEmpty()) {
            cards.add(codingCard(gates, coding, order));
        }
        if (!info.isEmpty()) {
            cards.add(payerCard(gates, info, assessment, smartAppUrl));
        }
        return cards;
    }

    private Card criticalCard(GateCatalog gates, List<GateFinding> findings, DraftOrder order) {
        String summary = summary(gates, product.label() + ": do not give without review: ", findings);
        List<Suggestion> suggestions = suggestions(findings, order);
        return new Card(uuid(), summary, detail(gates, findings, product.name() + " is a one-time therapy. "
                        + sourcesLead(gates, findings) + " Override only with a documented reason."),
                "critical", source(CardTopics.CONTRAINDICATION), suggestions, selectionBehavior(suggestions),
                settings.overrideReasons(), List.of(), findingsExtension(findings));
    }

    private Card documentationCard(GateCatalog gates, List<GateFinding> findings, DraftOrder order) {
        String summary = summary(gates, product.label() + ": complete before prior authorization: ", findings);
        List<Suggestion> suggestions = suggestions(findings, order);
        return new Card(uuid(), summary, detail(gates, findings, "Gaps a payer will deny on, or that the label asks to "
                        + "settle before dosing."),
                "warning", source(CardTopics.GUIDELINE), suggestions, selectionBehavior(suggestions),
                List.of(), List.of(), findingsExtension(findings));
    }

    private Card unverifiedCard(GateCatalog gates, List<GateFinding> findings) {
        String summary = summary(gates, product.label() + ": could not verify (record unavailable): ", findings);
        return new Card(uuid(), summary, detail(gates, findings, "These checks were NOT passed: the data they need could "
                        + "not be read in time. Check them by hand or retry."),
                "warning", source(CardTopics.GUIDELINE), List.of(), null, List.of(), List.of(),
                findingsExtension(findings));
    }

    private Card codingCard(GateCatalog gates, List<GateFinding> findings, DraftOrder order) {
        String summary = truncate(product.label() + ": fix billing codes: " + findings.get(0).message());
        List<Suggestion> suggestions = suggestions(findings, order);
        return new Card(uuid(), summary, detail(gates, findings, "Bill " + product.billingCode()
                        + " x 1 unit; infusion 96365, plus 96366 only past 90 minutes."),
                "warning", source(CardTopics.CLAIM), suggestions, selectionBehavior(suggestions), List.of(), List.of(),
                findingsExtension(findings));
    }

    private Card payerCard(GateCatalog gates, List<GateFinding> findings, Assessment assessment, String smartAppUrl) {
        String summary = assessment.coverageDetermination()
                .map(c -> product.label() + ": " + c.payerName() + ("auth-needed".equals(c.paNeeded())
                        ? " requires prior authorization" : ": check prior authorization")
                        + "; see the PA documentation list")
                .orElse(product.label() + ": " + (payerFactsUnknown(gates, findings)
                        ? "no active coverage on file; payer requirements unknown" : "order notes"));
        StringBuilder detail = new StringBuilder();
        assessment.coverageDetermination().ifPresent(c -> {
            detail.append("**").append(c.payerName()).append("** (").append(c.coverageReference()).append(")\n\n");
            detail.append("- Prior authorization: ").append(c.paNeeded()).append('\n');
            detail.append("- Outcomes-based agreement: ").append(c.outcomesBasedAgreement()).append('\n');
            if (!c.documentation().isEmpty()) {
                detail.append("- Documentation for the PA packet:\n");
                c.documentation().forEach(d -> detail.append("  - ").append(d).append('\n'));
            }
            detail.append('\n');
        });
        detail.append(detail(gates, findings, null));
        return new Card(uuid(), truncate(summary), detail.toString().strip(), "info",
                source(CardTopics.COVERAGE_INFO), List.of(), null, List.of(), payerLinks(smartAppUrl),
                findingsExtension(findings));
    }

    public static final String FINDINGS_EXTENSION = "genegate.findings";

    /** CDS Hooks requires selectionBehavior whenever a card has suggestions; any number may be accepted here. */
    private static String selectionBehavior(List<Suggestion> suggestions) {
        return suggestions.isEmpty() ? null : "any";
    }

    /** The policy's links, then the patient's whole checklist in the SMART app. */
    private List<Link> payerLinks(String smartAppUrl) {
        List<Link> links = new ArrayList<>(settings.payerLinks());
        if (smartAppUrl != null && !smartAppUrl.isBlank()) {
            links.add(new Link(product.name() + " checklist, dose, payer requirements and labs (SMART app)",
                    smartAppUrl, "smart"));
        }
        return links;
    }

    private static Map<String, Object> findingsExtension(List<GateFinding> findings) {
        return Map.of(FINDINGS_EXTENSION, findings.stream().map(CardFinding::of).toList());
    }

    /** Whether a payer-facts gate did not pass: no coverage matched, so the payer's requirements are unknown. */
    private static boolean payerFactsUnknown(GateCatalog gates, List<GateFinding> findings) {
        return findings.stream().anyMatch(f -> gates.inCardGroup(f.gateId(), CardGroup.PAYER_INFO)
                && f.status() != GateStatus.PASS);
    }

    private List<Suggestion> suggestions(List<GateFinding> findings, DraftOrder order) {
        List<Suggestion> suggestions = new ArrayList<>();
        List<Action> testOrders = new ArrayList<>();
        Set<String> ordered = new LinkedHashSet<>();
        for (GateFinding finding : findings) {
            for (Remedy remedy : finding.remedies()) {
                if (remedy instanceof Remedy.OrderTest test) {
                    if (ordered.add(test.system() + "|" + test.code())) {
                        testOrders.add(Action.create(RemedyLabels.label(test),
                                json(RemedyResources.serviceRequest(test, order))));
                    }
                } else if (remedy instanceof Remedy.CreateMonitoringPlan) {
                    suggestions.add(new Suggestion(RemedyLabels.label(remedy), uuid(), true, List.of(Action.create(
                            "Create the " + product.name() + " monitoring CarePlan",
                            json(planBuilder.provisional(order))))));
                } else if (remedy instanceof Remedy.UpdateDose dose) {
                    suggestions.add(new Suggestion(RemedyLabels.label(dose),
                            uuid(), true, List.of(Action.update("Update the " + product.name() + " order's dose",
                            json(RemedyResources.withDose(order, dose))))));
                } else if (remedy instanceof Remedy.ReplaceCode replace) {
                    codeSuggestion(replace, order).ifPresent(suggestions::add);
                }
            }
        }
        if (!testOrders.isEmpty()) {
            suggestions.add(0, new Suggestion(testOrders.size() == 1 ? testOrders.get(0).description()
                    : "Order the " + testOrders.size() + " missing tests", uuid(), true, testOrders));
        }
        return suggestions;
    }

    private java.util.Optional<Suggestion> codeSuggestion(Remedy.ReplaceCode replace, DraftOrder order) {
        String label = RemedyLabels.label(replace);
        if (RemedyResources.replaceCoding(new ArrayList<>(medicationCodings(order)), replace)) {
            return java.util.Optional.of(new Suggestion(label, uuid(), true, List.of(Action.update(label
                    + " on the " + product.name() + " order", json(RemedyResources.withCode(order, replace))))));
        }
        for (Resource other : order.otherOrders()) {
            List<Coding> codings = codingsOf(other);
            if (codings == null) {
                continue;
            }
            Resource updated = other.copy();
            List<Coding> updatedCodings = codingsOf(updated);
            if (RemedyResources.replaceCoding(updatedCodings, replace)) {
                String resourceId = other.fhirType() + "/" + other.getIdElement().getIdPart();
                Action action = updatedCodings.isEmpty() && other.hasIdElement()
                        ? Action.delete(label + ": remove " + resourceId, resourceId)
                        : Action.update(label + " on " + resourceId, json(updated));
                return java.util.Optional.of(new Suggestion(label, uuid(), true, List.of(action)));
            }
        }
        return java.util.Optional.empty();
    }

    private static List<Coding> medicationCodings(DraftOrder order) {
        return order.request().hasMedicationCodeableConcept()
                ? order.request().getMedicationCodeableConcept().getCoding() : List.of();
    }

    private static List<Coding> codingsOf(Resource resource) {
        if (resource instanceof ServiceRequest serviceRequest) {
            return serviceRequest.getCode().getCoding();
        }
        if (resource instanceof Procedure procedure) {
            return procedure.getCode().getCoding();
        }
        return null;
    }

    private String detail(GateCatalog gates, List<GateFinding> findings, String lead) {
        StringBuilder detail = new StringBuilder();
        if (lead != null) {
            detail.append(lead).append("\n\n");
        }
        for (GateFinding finding : findings) {
            detail.append("- **").append(gates.title(finding.gateId())).append("** (")
                    .append(statusText(finding.status())).append("; ").append(sourceClassText(finding))
                    .append("): ").append(finding.message());
            for (Evidence evidence : finding.evidence()) {
                detail.append("\n  - ").append(evidenceText(evidence));
            }
            if (finding.source() != null && !finding.source().isBlank()) {
                detail.append("\n  - _Source: ").append(finding.source()).append('_');
            }
            detail.append('\n');
        }
        return detail.toString().strip();
    }

    /** "US label", or "EU SmPC and payer policy": the classes the finding itself rests on. */
    static String sourceClassText(GateFinding finding) {
        List<String> names = finding.sourceClasses().stream().map(SourceClass::text).toList();
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    /**
     * Names the source of each blocking finding, so the card never calls a payer or trial criterion a label rule:
     * "These findings come from: Age: US label; Prior gene therapy: EU SmPC and payer policy."
     */
    static String sourcesLead(GateCatalog gates, List<GateFinding> findings) {
        StringBuilder lead = new StringBuilder("These findings come from: ");
        for (int i = 0; i < findings.size(); i++) {
            if (i > 0) {
                lead.append("; ");
            }
            lead.append(gates.title(findings.get(i).gateId())).append(": ").append(sourceClassText(findings.get(i)));
        }
        return lead.append('.').toString();
    }

    private static String evidenceText(Evidence evidence) {
        StringBuilder text = new StringBuilder(evidence.what());
        if (evidence.value() != null) {
            text.append(": ").append(evidence.value());
        }
        if (evidence.date() != null) {
            text.append(" (").append(evidence.date()).append(')');
        }
        if (evidence.reference() != null) {
            text.append(" [").append(evidence.reference()).append(']');
        }
        return text.toString();
    }

    static String statusText(GateStatus status) {
        return switch (status) {
            case PASS -> "passed";
            case FAIL -> "failed";
            case MISSING -> "missing";
            case STALE -> "out of date";
            case COULD_NOT_VERIFY -> "could not verify";
        };
    }

    private static String summary(GateCatalog gates, String prefix, List<GateFinding> findings) {
        StringBuilder summary = new StringBuilder(prefix);
        for (int i = 0; i < findings.size(); i++) {
            if (i > 0) {
                summary.append(", ");
            }
            summary.append(gates.summary(findings.get(i).gateId()));
        }
        return truncate(summary.toString());
    }

    static String truncate(String summary) {
        return summary.length() <= MAX_SUMMARY ? summary : summary.substring(0, MAX_SUMMARY - 1) + "…";
    }

    private CardSource source(CardCoding topic) {
        return new CardSource(settings.sourceLabel(), settings.sourceUrl(), topic);
    }

    private static List<GateFinding> select(List<GateFinding> findings, Predicate<GateFinding> which) {
        return findings.stream().filter(which).toList();
    }

    private String json(Resource resource) {
        return fhirContext.newJsonParser().encodeResourceToString(resource);
    }

    private static String uuid() {
        return UUID.randomUUID().toString();
    }
}
