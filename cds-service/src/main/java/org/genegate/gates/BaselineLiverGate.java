package org.genegate.gates;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.genegate.clinical.FhirDates;
import org.genegate.clinical.Numbers;
import org.genegate.clinical.Observations;
import org.genegate.clinical.References;
import org.genegate.clinical.Units;
import org.genegate.findings.Evidence;
import org.genegate.findings.GateFinding;
import org.genegate.policy.GateTitles;
import org.genegate.findings.GateStatus;
import org.genegate.findings.Remedy;
import org.genegate.findings.SourceClass;
import org.genegate.record.RecordPart;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;

/**
 * The label's hepatic assessment before dosing, read for what it found: recent ALT, AST, ALP and total bilirubin
 * (none above the payer's multiple of the upper limit of normal, none raised on its two latest results) and a
 * final liver ultrasound and elastography report, recent, whose coded conclusions and liver stiffness are read.
 * Cirrhosis or advanced fibrosis is the EU SmPC's contraindication; other abnormal imaging or a sustained enzyme
 * rise asks for a hepatologist (US label §2.1). Every item is listed so one card shows the whole work-up.
 */
public final class BaselineLiverGate implements Gate<BaselineLiverSettings> {

    public static final GateDefinition<BaselineLiverSettings> DEFINITION = new GateDefinition<>(
            BaselineLiverSettings.ID,
            new GateTitles("Baseline hepatic assessment", "liver work-up", "baseline liver work-up"),
            CardGroup.DOCUMENTATION, List.of(SourceClass.LABEL),
            BaselineLiverSettings.class, BaselineLiverSettings::read, policy -> new BaselineLiverGate());

    private record LabTest(String code, String name) {
    }

    /** How bad one item of the work-up is, in increasing order; the worst item sets the finding's status. */
    private enum Level {
        OK, MISSING, STALE, ABNORMAL, ADVANCED
    }

    private record Item(Level level, String text, List<SourceClass> sources) {
    }

    private static final List<LabTest> LAB_TESTS = List.of(
            new LabTest(GeneGateTerminology.LOINC_ALT, "ALT"),
            new LabTest(GeneGateTerminology.LOINC_AST, "AST"),
            new LabTest(GeneGateTerminology.LOINC_ALP, "ALP"),
            new LabTest(GeneGateTerminology.LOINC_BILIRUBIN_TOTAL, "total bilirubin"));

    private static final Set<DiagnosticReport.DiagnosticReportStatus> FINAL = Set.of(
            DiagnosticReport.DiagnosticReportStatus.FINAL, DiagnosticReport.DiagnosticReportStatus.AMENDED,
            DiagnosticReport.DiagnosticReportStatus.CORRECTED);
    private static final List<SourceClass> LABEL = List.of(SourceClass.LABEL);
    private static final List<SourceClass> PAYER = List.of(SourceClass.PAYER);
    private static final List<SourceClass> CONTRAINDICATION = List.of(SourceClass.SMPC, SourceClass.LABEL);
    private static final List<SourceClass> TEAM = List.of(SourceClass.TEAM_DEFAULT);

    @Override
    public Set<RecordPart> reads() {
        return Set.of(RecordPart.OBSERVATIONS, RecordPart.DIAGNOSTIC_REPORTS, RecordPart.PROCEDURES);
    }

    @Override
    public GateFinding evaluate(GateInput<BaselineLiverSettings> in) {
        List<Item> items = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        List<Remedy> remedies = new ArrayList<>();
        labs(in, items, evidence, remedies);
        imaging(in, GeneGateTerminology.LIVER_ULTRASOUND, items, evidence, remedies);
        imaging(in, GeneGateTerminology.LIVER_ELASTOGRAPHY, items, evidence, remedies);
        stiffness(in, items, evidence);

        Level worst = items.stream().map(Item::level).max(Comparator.naturalOrder()).orElse(Level.OK);
        if (worst.compareTo(Level.ABNORMAL) >= 0) {
            remedies.add(in.orderTest(GeneGateTerminology.CODE_SYSTEM, GeneGateTerminology.HEPATOLOGY_CONSULT,
                    "Hepatologist to assess eligibility for " + in.product().name() + " ("
                            + in.policy().consultBasis() + ")"));
        }
        Set<SourceClass> sources = new LinkedHashSet<>();
        items.stream().filter(i -> i.level() == worst).forEach(i -> sources.addAll(i.sources()));
        List<String> texts = items.stream().map(Item::text).toList();
        return switch (worst) {
            case OK -> in.finding(GateStatus.PASS, "Baseline liver work-up is complete: " + String.join("; ", texts)
                    + ".", evidence, remedies);
            case ADVANCED -> in.finding(GateStatus.FAIL, in.policy().advancedDiseaseSeverity(), List.copyOf(sources),
                    "Liver imaging shows cirrhosis or advanced fibrosis, " + in.policy().advancedDiseaseBasis() + ": "
                    + String.join("; ", texts) + ".",
                    evidence, remedies);
            default -> in.finding(status(worst), List.copyOf(sources), "Baseline liver work-up before "
                    + in.product().name() + " is "
                    + "not complete or not normal: " + String.join("; ", texts) + ".", evidence, remedies);
        };
    }

    private static GateStatus status(Level level) {
        return switch (level) {
            case OK -> GateStatus.PASS;
            case MISSING -> GateStatus.MISSING;
            case STALE -> GateStatus.STALE;
            case ABNORMAL, ADVANCED -> GateStatus.FAIL;
        };
    }

    private static void labs(GateInput<BaselineLiverSettings> in, List<Item> items, List<Evidence> evidence,
                             List<Remedy> remedies) {
        BaselineLiverSettings policy = in.policy();
        for (LabTest test : LAB_TESTS) {
            List<Observation> results = Observations.results(in.record(), GeneGateTerminology.LOINC, test.code());
            Remedy order = in.orderTest(GeneGateTerminology.LOINC, test.code(), "Baseline " + test.name()
                    + " within " + policy.windowDays() + " days before " + in.product().name());
            if (results.isEmpty()) {
                items.add(new Item(Level.MISSING, test.name() + " not on record", LABEL));
                remedies.add(order);
                continue;
            }
            Observation latest = results.get(0);
            evidence.add(Observations.evidence(latest, test.name()));
            String shown = test.name() + " " + Observations.valueText(latest) + " " + Observations.dated(latest);
            Optional<Quantity> value = Observations.quantity(latest);
            if (value.isEmpty()) {
                items.add(new Item(Level.MISSING, shown + " has no numeric value", LABEL));
                remedies.add(order);
                continue;
            }
            Optional<BigDecimal> uln = policy.upperLimit(latest, value.get(), test.code());
            boolean recent = Observations.withinDays(latest, in.orderDate(), policy.windowDays());
            sustainedRise(test, results, policy).ifPresent(text -> items.add(new Item(Level.ABNORMAL, text, LABEL)));
            if (uln.isPresent()) {
                BigDecimal limit = uln.get().multiply(policy.ulnMultiple());
                // Above the multiple fails even when old: it outranks the result's age.
                if (value.get().getValue().compareTo(limit) > 0) {
                    items.add(new Item(Level.ABNORMAL, shown + " is above " + Numbers.plain(policy.ulnMultiple())
                            + " × ULN (" + Numbers.plain(uln.get()) + " " + Units.label(value.get()) + "), a payer "
                            + "exclusion" + (recent ? "" : ", and older than " + policy.windowDays()
                            + " days"), PAYER));
                    if (!recent) {
                        remedies.add(order);
                    }
                    continue;
                }
            }
            if (!recent) {
                items.add(new Item(Level.STALE, shown + " is older than " + policy.windowDays() + " days (payer "
                        + "window)", PAYER));
                remedies.add(order);
                continue;
            }
            if (uln.isEmpty()) {
                items.add(new Item(Level.MISSING, shown + " has no reference range and no default upper limit for "
                        + "its unit", LABEL));
                continue;
            }
            items.add(new Item(Level.OK, shown + " is within " + Numbers.plain(policy.ulnMultiple()) + " × ULN",
                    LABEL));
        }
    }

    /** "ALT raised on two results": the two latest results both above the upper limit of normal (label: sustained). */
    private static Optional<String> sustainedRise(LabTest test, List<Observation> results,
                                                  BaselineLiverSettings policy) {
        if (results.size() < 2) {
            return Optional.empty();
        }
        List<String> raised = new ArrayList<>();
        for (Observation result : results.subList(0, 2)) {
            Optional<Quantity> value = Observations.quantity(result);
            Optional<BigDecimal> uln = value.flatMap(v -> policy.upperLimit(result, v, test.code()));
            if (uln.isEmpty() || value.get().getValue().compareTo(uln.get()) <= 0) {
                return Optional.empty();
            }
            raised.add(Observations.valueText(result) + " " + Observations.dated(result));
        }
        return Optional.of(test.name() + " is above the upper limit of normal on its two latest results ("
                + String.join(", ", raised) + "): a sustained elevation, for which the US label advises a hepatology "
                + "consultation");
    }

    private static void imaging(GateInput<BaselineLiverSettings> in, String code, List<Item> items,
                                List<Evidence> evidence, List<Remedy> remedies) {
        String name = in.codes().display(GeneGateTerminology.CODE_SYSTEM, code).orElse(code).toLowerCase(Locale.ROOT);
        Remedy order = in.orderTest(GeneGateTerminology.CODE_SYSTEM, code,
                in.codes().display(GeneGateTerminology.CODE_SYSTEM, code).orElse(code)
                        + " before " + in.product().name() + " (label hepatic assessment)");
        List<DiagnosticReport> reports = in.record().resources(RecordPart.DIAGNOSTIC_REPORTS, DiagnosticReport.class)
                .stream()
                .filter(r -> r.getStatus() != DiagnosticReport.DiagnosticReportStatus.ENTEREDINERROR
                        && r.getStatus() != DiagnosticReport.DiagnosticReportStatus.CANCELLED
                        && Observations.hasCode(r.getCode(), GeneGateTerminology.CODE_SYSTEM, code))
                .sorted(Comparator.comparing((DiagnosticReport r) -> date(r).orElse(LocalDate.MIN)).reversed())
                .toList();
        Optional<DiagnosticReport> finalReport = reports.stream().filter(r -> FINAL.contains(r.getStatus())).findFirst();
        if (finalReport.isPresent()) {
            read(in, finalReport.get(), code, name, items, evidence, remedies, order);
            return;
        }
        if (!reports.isEmpty()) {
            DiagnosticReport report = reports.get(0);
            evidence.add(new Evidence(References.of(report), name + " report", report.getStatus().toCode(),
                    date(report).orElse(null)));
            items.add(new Item(Level.MISSING, name + " report is " + report.getStatus().toCode()
                    + ", not final: its findings cannot be read yet", LABEL));
            return;
        }
        Optional<Procedure> procedure = in.record().resources(RecordPart.PROCEDURES, Procedure.class).stream()
                .filter(p -> p.getStatus() != Procedure.ProcedureStatus.ENTEREDINERROR
                        && p.getStatus() != Procedure.ProcedureStatus.NOTDONE
                        && Observations.hasCode(p.getCode(), GeneGateTerminology.CODE_SYSTEM, code))
                .findFirst();
        if (procedure.isPresent()) {
            LocalDate performed = performed(procedure.get());
            evidence.add(new Evidence(References.of(procedure.get()), name, "performed, no report", performed));
            items.add(new Item(Level.MISSING, name + (performed == null ? "" : " (" + performed + ")")
                    + " was performed but its result is not on record: file the report", LABEL));
            return;
        }
        items.add(new Item(Level.MISSING, name + " not on file", LABEL));
        remedies.add(order);
    }

    /** What a final report found: its coded conclusions, and whether it is recent enough to stand for today. */
    private static void read(GateInput<BaselineLiverSettings> in, DiagnosticReport report, String code, String name,
                             List<Item> items, List<Evidence> evidence, List<Remedy> remedies, Remedy order) {
        BaselineLiverSettings policy = in.policy();
        Optional<LocalDate> date = date(report);
        String dated = name + date.map(d -> " (" + d + ")").orElse(" (undated)");
        List<String> advanced = new ArrayList<>();
        List<String> abnormal = new ArrayList<>();
        List<String> normal = new ArrayList<>();
        for (CodeableConcept conclusion : report.getConclusionCode()) {
            for (Coding coding : conclusion.getCoding()) {
                String shown = in.display(coding);
                if (policy.advancedDisease(coding.getSystem(), coding.getCode())) {
                    advanced.add(shown);
                } else if (policy.normalFinding(coding.getSystem(), coding.getCode())) {
                    normal.add(shown);
                } else {
                    abnormal.add(shown);
                }
            }
        }
        List<String> found = new ArrayList<>(advanced);
        found.addAll(abnormal);
        found.addAll(normal);
        evidence.add(new Evidence(References.of(report), name + " report",
                found.isEmpty() ? "no coded findings" : String.join(", ", found), date.orElse(null)));
        if (!advanced.isEmpty()) {
            items.add(new Item(Level.ADVANCED, dated + " found " + String.join(", ", advanced), CONTRAINDICATION));
        }
        if (!abnormal.isEmpty()) {
            items.add(new Item(Level.ABNORMAL, dated + " found " + String.join(", ", abnormal)
                    + ": abnormal imaging, for which the US label advises a hepatology consultation", LABEL));
        }
        boolean stiffnessRecorded = GeneGateTerminology.LIVER_ELASTOGRAPHY.equals(code) && latestStiffness(in).isPresent();
        if (found.isEmpty() && !stiffnessRecorded) {
            items.add(new Item(Level.MISSING, dated + " has no coded findings (conclusionCode)"
                    + (report.hasConclusion() ? "; its text reads \"" + report.getConclusion() + "\"" : "")
                    + ": code the conclusion so it can be checked", LABEL));
        }
        long age = date.map(d -> ChronoUnit.DAYS.between(d, in.orderDate())).orElse(Long.MAX_VALUE);
        if (age > policy.imagingWindowDays()) {
            items.add(new Item(Level.STALE, dated + (date.isEmpty() ? " cannot show that it is within "
                    : " is more than ") + policy.imagingWindowDays() + " days before the order (team default)", TEAM));
            remedies.add(order);
        } else if (advanced.isEmpty() && abnormal.isEmpty() && !found.isEmpty()) {
            items.add(new Item(Level.OK, dated + ": " + String.join(", ", normal), LABEL));
        }
    }

    /** The latest liver stiffness reading, read against the policy's kPa cut-offs. */
    private static void stiffness(GateInput<BaselineLiverSettings> in, List<Item> items, List<Evidence> evidence) {
        Optional<Observation> latest = latestStiffness(in);
        if (latest.isEmpty()) {
            return;
        }
        BaselineLiverSettings policy = in.policy();
        Observation observation = latest.get();
        evidence.add(Observations.evidence(observation, "liver stiffness"));
        String shown = "liver stiffness " + Observations.valueText(observation) + " " + Observations.dated(observation);
        Optional<Quantity> value = Observations.quantity(observation);
        if (value.isEmpty() || !Units.isOneOf(value.get(), "kPa")) {
            items.add(new Item(Level.MISSING, shown + " is not a value in kPa", LABEL));
            return;
        }
        BigDecimal kpa = value.get().getValue();
        if (kpa.compareTo(policy.stiffnessAdvancedKpa()) >= 0) {
            items.add(new Item(Level.ADVANCED, shown + " is at or above " + Numbers.plain(policy.stiffnessAdvancedKpa())
                    + " kPa, which reads as advanced chronic liver disease (Baveno VII)", CONTRAINDICATION));
        } else if (kpa.compareTo(policy.stiffnessSuggestiveKpa()) >= 0) {
            items.add(new Item(Level.ABNORMAL, shown + " is at or above "
                    + Numbers.plain(policy.stiffnessSuggestiveKpa())
                    + " kPa, which suggests advanced chronic liver disease (Baveno VII); the US label advises a "
                    + "hepatology consultation", LABEL));
        } else {
            items.add(new Item(Level.OK, shown + " is below " + Numbers.plain(policy.stiffnessSuggestiveKpa())
                    + " kPa", LABEL));
        }
    }

    private static Optional<Observation> latestStiffness(GateInput<BaselineLiverSettings> in) {
        List<Observation> results = Observations.results(in.record(), GeneGateTerminology.CODE_SYSTEM,
                GeneGateTerminology.LIVER_STIFFNESS);
        return results.isEmpty() ? Optional.empty() : Optional.of(results.get(0));
    }

    private static Optional<LocalDate> date(DiagnosticReport report) {
        if (report.hasEffectiveDateTimeType()) {
            return FhirDates.earliestDay(report.getEffectiveDateTimeType());
        }
        if (report.hasEffectivePeriod()) {
            return FhirDates.earliestDay(report.getEffectivePeriod().getStartElement());
        }
        if (report.hasIssuedElement()) {
            return FhirDates.earliestDay(report.getIssuedElement());
        }
        return Optional.empty();
    }

    private static LocalDate performed(Procedure procedure) {
        return procedure.hasPerformedDateTimeType()
                ? FhirDates.earliestDay(procedure.getPerformedDateTimeType()).orElse(null)
                : procedure.hasPerformedPeriod()
                ? FhirDates.earliestDay(procedure.getPerformedPeriod().getStartElement()).orElse(null) : null;
    }
}
