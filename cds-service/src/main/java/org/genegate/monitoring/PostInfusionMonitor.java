package org.genegate.monitoring;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.genegate.clinical.FhirDates;
import org.genegate.clinical.LiverCancerRisk;
import org.genegate.clinical.References;
import org.genegate.findings.Evidence;
import org.genegate.gates.BaselineLiverGate;
import org.genegate.gates.FactorInhibitorGate;
import org.genegate.orders.ProductRecognizer;
import org.genegate.policy.MonitoringSettings;
import org.genegate.policy.Policy;
import org.genegate.policy.ProductSettings;
import org.genegate.record.PatientRecord;
import org.genegate.record.RecordPart;
import org.genegate.terminology.CodeIndex;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;

/**
 * After a Hemgenix infusion: which items of the monitoring schedule are overdue (counted from the
 * administration day: weekly, follow-up and, with liver-cancer risk factors, yearly liver surveillance), whether
 * ALT has risen above the upper limit of normal or above 2 x the pre-infusion baseline, whether a FIX inhibitor has
 * appeared, whether FIX activity is falling (like with like), and which outcomes-agreement dates passed.
 * Plain Java over the patient's record, like the gates; thresholds come from the policy's monitoring section.
 */
public final class PostInfusionMonitor {

    private final MonitoringSettings settings;
    private final ProductSettings product;
    private final ProductRecognizer recognizer;
    private final LiverCancerRisk liverCancerRisk;
    private final MonitoringSchedule schedule;
    private final List<PostInfusionCheck> checks;

    public PostInfusionMonitor(Policy policy, CodeIndex codes, ProductRecognizer recognizer) {
        this.settings = policy.monitoring();
        this.product = policy.product();
        this.recognizer = recognizer;
        this.liverCancerRisk = new LiverCancerRisk(settings);
        this.schedule = new MonitoringSchedule(settings, codes);
        // In the order the alerts are shown.
        this.checks = List.of(
                new MonitoringPlanCheck(settings.overdueSeverity()),
                schedule::overdue,
                new AltRiseCheck(settings, policy.settings(BaselineLiverGate.DEFINITION)),
                new InhibitorCheck(settings, policy.settings(FactorInhibitorGate.DEFINITION), codes),
                new FixActivityTrend(settings, codes),
                schedule::outcomesAgreement);
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
        List<String> riskFactors = liverCancerRisk.factors(record.resources(RecordPart.CONDITIONS, Condition.class),
                record.resources(RecordPart.OBSERVATIONS, Observation.class),
                record.resources(RecordPart.DIAGNOSTIC_REPORTS, DiagnosticReport.class),
                record.patient().flatMap(p -> FhirDates.earliestDay(p.getBirthDateElement())), administered);
        MonitoringInput in = new MonitoringInput(record, administered, asOf,
                new Evidence(reference, product.name() + " administration", null, administered), riskFactors, product);
        for (PostInfusionCheck check : checks) {
            if (check.reads().stream().allMatch(record::isAvailable)) {
                check.check(in).ifPresent(alerts::add);
            }
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
}
