package org.genegate.monitoring;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.genegate.gates.BaselineLiverGate;
import org.genegate.gates.Evidence;
import org.genegate.gates.FhirDates;
import org.genegate.gates.FixInhibitorGate;
import org.genegate.gates.HemgenixOrderRecognizer;
import org.genegate.gates.Numbers;
import org.genegate.gates.Observations;
import org.genegate.gates.Positivity;
import org.genegate.gates.References;
import org.genegate.gates.Remedy;
import org.genegate.policy.MonitoringSettings;
import org.genegate.policy.Policy;
import org.genegate.record.PatientRecord;
import org.genegate.record.RecordPart;
import org.genegate.terminology.CodeIndex;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;

/**
 * After a Hemgenix infusion: which items of the monitoring schedule are overdue (counted from the
 * administration day: weekly, follow-up and, with liver-cancer risk factors, yearly liver surveillance), whether
 * ALT has risen above the upper limit of normal or above 2 x the pre-infusion baseline, whether a FIX inhibitor has
 * appeared, whether FIX activity is falling (like with like), and which outcomes-agreement dates passed.
 * Plain Java over the patient's record, like the gates; thresholds come from the policy's monitoring section.
 */
public final class PostInfusionMonitor {

    private final Policy policy;
    private final MonitoringSettings settings;
    private final CodeIndex codes;
    private final HemgenixOrderRecognizer recognizer;
    private final MonitoringSchedule schedule;
    private final FixActivityTrend fixActivity;
    private final LiverCancerRisk liverCancerRisk;

    public PostInfusionMonitor(Policy policy, CodeIndex codes, HemgenixOrderRecognizer recognizer) {
        this.policy = policy;
        this.settings = policy.monitoring();
        this.codes = codes;
        this.recognizer = recognizer;
        this.schedule = new MonitoringSchedule(settings, codes);
        this.fixActivity = new FixActivityTrend(settings, codes);
        this.liverCancerRisk = new LiverCancerRisk(settings);
    }

    /**
     * The review, or empty when the record shows no completed Hemgenix administration (or the administrations
     * could not be read: most patients never had Hemgenix, so that says nothing about this one).
     */
    public Optional<MonitoringReview> review(PatientRecord record, LocalDate asOf) {
        Optional<MedicationAdministration> found = hemgenixAdministration(record);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        MedicationAdministration administration = found.get();
        LocalDate administered = administeredOn(administration).orElseThrow();
        String reference = References.of(administration);
        List<MonitoringAlert> alerts = new ArrayList<>();
        List<String> unavailable = new ArrayList<>();
        // Conditions and liver imaging decide the liver surveillance: unread, that part of the review is not done.
        for (RecordPart part : List.of(RecordPart.OBSERVATIONS, RecordPart.CARE_PLANS, RecordPart.CONDITIONS,
                RecordPart.DIAGNOSTIC_REPORTS)) {
            record.unavailableReason(part).ifPresent(reason -> unavailable.add(
                    part.name().toLowerCase().replace('_', ' ') + " (" + reason + ")"));
        }
        if (!unavailable.isEmpty()) {
            alerts.add(new MonitoringAlert(MonitoringAlert.Kind.COULD_NOT_VERIFY, settings.overdueSeverity(),
                    "monitoring not checked: record unavailable",
                    "The post-infusion checks were NOT done: " + String.join("; ", unavailable)
                            + " could not be read. Check the monitoring by hand or retry.", List.of(), List.of()));
        }
        if (record.isAvailable(RecordPart.CARE_PLANS) && !hasPlan(record)) {
            alerts.add(new MonitoringAlert(MonitoringAlert.Kind.NO_PLAN, settings.overdueSeverity(),
                    "no post-infusion monitoring plan", "Hemgenix was given on " + administered + " and no "
                    + "monitoring plan (CarePlan category gene-therapy-monitoring) is on record.",
                    List.of(new Evidence(reference, "Hemgenix administration", null, administered)),
                    List.of(new Remedy.CreateMonitoringPlan("Hemgenix given on " + administered))));
        }
        List<String> riskFactors = liverCancerRisk.factors(record.resources(RecordPart.CONDITIONS, Condition.class),
                record.resources(RecordPart.OBSERVATIONS, Observation.class),
                record.resources(RecordPart.DIAGNOSTIC_REPORTS, DiagnosticReport.class),
                record.patient().flatMap(p -> FhirDates.earliestDay(p.getBirthDateElement())), administered);
        if (record.isAvailable(RecordPart.OBSERVATIONS)) {
            Evidence given = new Evidence(reference, "Hemgenix administration", null, administered);
            schedule.overdue(record, administered, asOf, given, riskFactors).ifPresent(alerts::add);
            altRise(record, administered).ifPresent(alerts::add);
            inhibitor(record, administered).ifPresent(alerts::add);
            fixActivity.review(record, administered).ifPresent(alerts::add);
            schedule.outcomesAgreement(record, administered, asOf, given).ifPresent(alerts::add);
        }
        return Optional.of(new MonitoringReview(reference, administered, asOf, riskFactors, alerts));
    }

    /**
     * The schedule's dates up to the review day and the next of each kind, each done, due or overdue, counted like
     * the review's overdue alert; empty when no Hemgenix administration is on record.
     */
    public List<ScheduleEntry> schedule(PatientRecord record, MonitoringReview review) {
        if (!record.isAvailable(RecordPart.OBSERVATIONS)) {
            return List.of();
        }
        return schedule.timeline(record, review.administered(), review.asOf(), review.liverCancerRiskFactors());
    }

    /** The newest completed administration recognised as Hemgenix that has a date. */
    private Optional<MedicationAdministration> hemgenixAdministration(PatientRecord record) {
        List<Resource> part = record.resources(RecordPart.MEDICATION_ADMINISTRATIONS, Resource.class);
        return record.resources(RecordPart.MEDICATION_ADMINISTRATIONS, MedicationAdministration.class).stream()
                .filter(a -> a.getStatus() == MedicationAdministration.MedicationAdministrationStatus.COMPLETED)
                .filter(a -> administeredOn(a).isPresent())
                .filter(a -> recognizer.recognizeMedication(a.getMedication(), a, part).isPresent())
                .max(Comparator.comparing(a -> administeredOn(a).orElseThrow()));
    }

    static Optional<LocalDate> administeredOn(MedicationAdministration administration) {
        return FhirDates.earliestDay(administration.hasEffectivePeriod()
                ? administration.getEffectivePeriod().getStartElement() : administration.getEffectiveDateTimeType());
    }

    private static boolean hasPlan(PatientRecord record) {
        for (CarePlan plan : record.resources(RecordPart.CARE_PLANS, CarePlan.class)) {
            boolean live = plan.getStatus() != CarePlan.CarePlanStatus.REVOKED
                    && plan.getStatus() != CarePlan.CarePlanStatus.ENTEREDINERROR
                    && plan.getStatus() != CarePlan.CarePlanStatus.COMPLETED;
            for (CodeableConcept category : plan.getCategory()) {
                if (live && Observations.hasCode(category, GeneGateTerminology.CODE_SYSTEM,
                        GeneGateTerminology.GENE_THERAPY_MONITORING)) {
                    return true;
                }
            }
        }
        return false;
    }

    private Optional<MonitoringAlert> altRise(PatientRecord record, LocalDate administered) {
        List<Observation> alt = Observations.results(record, GeneGateTerminology.LOINC, GeneGateTerminology.LOINC_ALT);
        Observation latest = null;
        Observation baseline = null;
        for (Observation observation : alt) {
            Optional<LocalDate> day = Observations.effectiveDate(observation);
            if (day.isEmpty() || Observations.quantity(observation).map(Quantity::getValue).isEmpty()) {
                continue;
            }
            if (day.get().isAfter(administered)) {
                latest = latest == null ? observation : latest;
            } else if (baseline == null) {
                baseline = observation;
            }
        }
        if (latest == null) {
            return Optional.empty();
        }
        Quantity value = Observations.quantity(latest).orElseThrow();
        List<String> reasons = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>(List.of(Observations.evidence(latest, "ALT after Hemgenix")));
        Optional<BigDecimal> uln = BaselineLiverGate.upperLimit(latest, value, GeneGateTerminology.LOINC_ALT,
                policy.baselineLiver());
        if (uln.isPresent()) {
            BigDecimal limit = uln.get().multiply(settings.altUlnMultiple());
            if (value.getValue().compareTo(limit) > 0) {
                reasons.add("above the upper limit of normal (" + limitText(settings.altUlnMultiple(), "ULN",
                        uln.get(), limit, value) + ")");
            }
        }
        if (baseline != null) {
            BigDecimal base = Observations.quantity(baseline).orElseThrow().getValue();
            BigDecimal limit = base.multiply(settings.altBaselineMultiple());
            evidence.add(Observations.evidence(baseline, "ALT before Hemgenix (baseline)"));
            if (value.getValue().compareTo(limit) > 0) {
                reasons.add("above " + Numbers.plain(settings.altBaselineMultiple()) + " x the pre-infusion baseline ("
                        + Numbers.plain(base) + " " + unit(value) + " " + Observations.dated(baseline) + ", limit "
                        + Numbers.plain(limit.setScale(1, RoundingMode.HALF_UP)) + " " + unit(value) + ")");
            }
        }
        if (reasons.isEmpty()) {
            return Optional.empty();
        }
        String latestText = Numbers.plain(value.getValue()) + " " + unit(value);
        String detail = "ALT " + latestText + " " + Observations.dated(latest) + " is " + String.join(" and ", reasons)
                + ".\n\nThese trigger thresholds (above the upper limit of normal or above "
                + Numbers.plain(settings.altBaselineMultiple()) + " x baseline) are the billing sheet's, not label "
                + "text; the label sets no number. "
                + "The US label says to consider corticosteroids for an ALT rise after Hemgenix: decide on a "
                + "course per the label and the site's protocol, with hepatology, and keep testing ALT and FIX "
                + "activity. No fixed corticosteroid dose or taper is US label text.\n\n_Source: " + settings.source()
                + '_';
        return Optional.of(new MonitoringAlert(MonitoringAlert.Kind.ALT_RISE, settings.altRiseSeverity(),
                "ALT " + latestText + " " + (reasons.size() == 2 ? "above ULN and 2 x baseline"
                        : reasons.get(0).startsWith("above the upper") ? "above ULN" : "above 2 x baseline")
                        + ": consider corticosteroids", detail, evidence, List.of()));
    }

    private static String limitText(BigDecimal multiple, String what, BigDecimal base, BigDecimal limit,
                                    Quantity value) {
        String text = what + " " + Numbers.plain(base) + " " + unit(value);
        return multiple.compareTo(BigDecimal.ONE) == 0 ? text
                : Numbers.plain(multiple) + " x " + text + " = " + Numbers.plain(limit) + " " + unit(value);
    }

    private static String unit(Quantity value) {
        return value.hasUnit() ? value.getUnit() : value.hasCode() ? value.getCode() : "";
    }

    private Optional<MonitoringAlert> inhibitor(PatientRecord record, LocalDate administered) {
        for (Observation observation : Observations.results(record, codes, GeneGateTerminology.VS_FIX_INHIBITOR)) {
            Optional<LocalDate> day = Observations.effectiveDate(observation);
            if (day.isEmpty() || !day.get().isAfter(administered)) {
                continue;
            }
            if (FixInhibitorGate.read(observation, policy.fixInhibitor().positiveThresholdBu()) == Positivity.POSITIVE) {
                String text = Observations.valueText(observation) + " " + Observations.dated(observation);
                return Optional.of(new MonitoringAlert(MonitoringAlert.Kind.INHIBITOR, settings.inhibitorSeverity(),
                        "FIX inhibitor positive after dosing (" + Observations.valueText(observation) + ")",
                        "A FIX inhibitor test after the Hemgenix infusion (" + administered + ") is positive: " + text
                                + " (positive at or above " + Numbers.plain(policy.fixInhibitor().positiveThresholdBu())
                                + " BU). Confirm with a repeat Bethesda test and involve the hemophilia treatment "
                                + "center: factor IX replacement may no longer work, and bleeding must be managed "
                                + "with the inhibitor in mind.\n\n_Source: " + policy.fixInhibitor().source() + '_',
                        List.of(Observations.evidence(observation, "FIX inhibitor after Hemgenix")), List.of()));
            }
        }
        return Optional.empty();
    }
}
