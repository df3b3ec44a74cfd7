package org.genegate.gates;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.genegate.policy.BaselineLiverSettings;
import org.genegate.record.RecordPart;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;

/**
 * The label's hepatic assessment before dosing: recent ALT, AST, ALP and total bilirubin, none
 * above the policy's multiple of the upper limit of normal (a payer stop), plus a liver ultrasound
 * and elastography on file. Every item is listed in the message so one card shows the whole work-up.
 */
public final class BaselineLiverGate implements Gate<BaselineLiverSettings> {

    private record LabTest(String code, String name) {
    }

    private static final List<LabTest> LAB_TESTS = List.of(
            new LabTest(GeneGateTerminology.LOINC_ALT, "ALT"),
            new LabTest(GeneGateTerminology.LOINC_AST, "AST"),
            new LabTest(GeneGateTerminology.LOINC_ALP, "ALP"),
            new LabTest(GeneGateTerminology.LOINC_BILIRUBIN_TOTAL, "total bilirubin"));

    @Override
    public String id() {
        return BaselineLiverSettings.ID;
    }

    @Override
    public String title() {
        return "baseline liver work-up";
    }

    @Override
    public Set<RecordPart> reads() {
        return Set.of(RecordPart.OBSERVATIONS, RecordPart.DIAGNOSTIC_REPORTS, RecordPart.PROCEDURES);
    }

    @Override
    public GateFinding evaluate(GateInput<BaselineLiverSettings> in) {
        BaselineLiverSettings policy = in.policy();
        List<String> items = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        List<Remedy> remedies = new ArrayList<>();
        boolean fail = false;
        boolean stale = false;
        boolean missing = false;

        for (LabTest test : LAB_TESTS) {
            List<Observation> results = Observations.results(in.record(), GeneGateTerminology.LOINC, test.code());
            Remedy order = in.orderTest(GeneGateTerminology.LOINC, test.code(), "Baseline " + test.name()
                    + " within " + policy.windowDays() + " days before Hemgenix");
            if (results.isEmpty()) {
                items.add(test.name() + " not on record");
                remedies.add(order);
                missing = true;
                continue;
            }
            Observation latest = results.get(0);
            evidence.add(Observations.evidence(latest, test.name()));
            String shown = test.name() + " " + Observations.valueText(latest) + " " + Observations.dated(latest);
            Optional<Quantity> value = Observations.quantity(latest);
            if (value.isEmpty()) {
                items.add(shown + " has no numeric value");
                remedies.add(order);
                missing = true;
                continue;
            }
            Optional<BigDecimal> uln = upperLimit(latest, value.get(), test.code(), policy);
            boolean recent = Observations.withinDays(latest, in.orderDate(), policy.windowDays());
            if (uln.isPresent()) {
                BigDecimal limit = uln.get().multiply(policy.ulnMultiple());
                // Above the multiple fails even when old: it outranks the result's age.
                if (value.get().getValue().compareTo(limit) > 0) {
                    items.add(shown + " is above " + Numbers.plain(policy.ulnMultiple()) + " × ULN ("
                            + Numbers.plain(uln.get()) + " " + Units.label(value.get()) + ")"
                            + (recent ? "" : " and older than " + policy.windowDays() + " days"));
                    fail = true;
                    if (!recent) {
                        remedies.add(order);
                    }
                    continue;
                }
            }
            if (!recent) {
                items.add(shown + " is older than " + policy.windowDays() + " days");
                remedies.add(order);
                stale = true;
                continue;
            }
            if (uln.isEmpty()) {
                items.add(shown + " has no reference range and no default upper limit for its unit");
                missing = true;
                continue;
            }
            items.add(shown + " is within " + Numbers.plain(policy.ulnMultiple()) + " × ULN");
        }

        for (String imaging : List.of(GeneGateTerminology.LIVER_ULTRASOUND, GeneGateTerminology.LIVER_ELASTOGRAPHY)) {
            String name = in.codes().display(GeneGateTerminology.CODE_SYSTEM, imaging).orElse(imaging);
            Optional<Evidence> onFile = imagingOnFile(in, imaging, name);
            if (onFile.isPresent()) {
                evidence.add(onFile.get());
                items.add(name.toLowerCase(java.util.Locale.ROOT) + " on file"
                        + (onFile.get().date() == null ? "" : " (" + onFile.get().date() + ")"));
            } else {
                items.add(name.toLowerCase(java.util.Locale.ROOT) + " not on file");
                remedies.add(in.orderTest(GeneGateTerminology.CODE_SYSTEM, imaging,
                        name + " before Hemgenix (label hepatic assessment)"));
                missing = true;
            }
        }

        GateStatus status = fail ? GateStatus.FAIL : stale ? GateStatus.STALE : missing ? GateStatus.MISSING
                : GateStatus.PASS;
        String lead = status == GateStatus.PASS ? "Baseline liver work-up is complete: "
                : "Baseline liver work-up before Hemgenix is not complete: ";
        return in.finding(status, lead + String.join("; ", items) + ".", evidence, remedies);
    }

    /**
     * The upper limit of normal of a liver test: the lab's own wins; the policy's default for the test and unit is
     * the fallback. Also read after the infusion, by the ALT check of the patient-view service.
     */
    public static Optional<BigDecimal> upperLimit(Observation observation, Quantity value, String code,
                                                   BaselineLiverSettings policy) {
        for (Observation.ObservationReferenceRangeComponent range : observation.getReferenceRange()) {
            Quantity high = range.getHigh();
            boolean sameUnit = !high.hasCode() && !high.hasUnit()
                    || Units.same(high.getCode(), value.getCode()) || Units.same(high.getUnit(), value.getUnit())
                    || Units.same(high.getCode(), value.getUnit()) || Units.same(high.getUnit(), value.getCode());
            if (high.getValue() != null && high.getValue().signum() > 0 && sameUnit) {
                return Optional.of(high.getValue());
            }
        }
        Optional<BigDecimal> byCode = policy.defaultUpperLimit(code, value.getCode());
        return byCode.isPresent() ? byCode : policy.defaultUpperLimit(code, value.getUnit());
    }

    private static Optional<Evidence> imagingOnFile(GateInput<BaselineLiverSettings> in, String code, String name) {
        for (DiagnosticReport report : in.record().resources(RecordPart.DIAGNOSTIC_REPORTS, DiagnosticReport.class)) {
            DiagnosticReport.DiagnosticReportStatus status = report.getStatus();
            if (status != DiagnosticReport.DiagnosticReportStatus.ENTEREDINERROR
                    && status != DiagnosticReport.DiagnosticReportStatus.CANCELLED
                    && hasProjectCode(report.getCode(), code)) {
                return Optional.of(evidence(report, name, effective(report)));
            }
        }
        for (Procedure procedure : in.record().resources(RecordPart.PROCEDURES, Procedure.class)) {
            Procedure.ProcedureStatus status = procedure.getStatus();
            if (status != Procedure.ProcedureStatus.ENTEREDINERROR && status != Procedure.ProcedureStatus.NOTDONE
                    && hasProjectCode(procedure.getCode(), code)) {
                LocalDate date = procedure.hasPerformedDateTimeType()
                        ? FhirDates.earliestDay(procedure.getPerformedDateTimeType()).orElse(null)
                        : procedure.hasPerformedPeriod()
                        ? FhirDates.earliestDay(procedure.getPerformedPeriod().getStartElement()).orElse(null) : null;
                return Optional.of(evidence(procedure, name, date));
            }
        }
        return Optional.empty();
    }

    private static boolean hasProjectCode(CodeableConcept concept, String code) {
        return Observations.hasCode(concept, GeneGateTerminology.CODE_SYSTEM, code);
    }

    private static LocalDate effective(DiagnosticReport report) {
        if (report.hasEffectiveDateTimeType()) {
            return FhirDates.earliestDay(report.getEffectiveDateTimeType()).orElse(null);
        }
        if (report.hasEffectivePeriod()) {
            return FhirDates.earliestDay(report.getEffectivePeriod().getStartElement()).orElse(null);
        }
        return null;
    }

    private static Evidence evidence(Resource resource, String name, LocalDate date) {
        return new Evidence(References.of(resource), name, "on file", date);
    }
}
