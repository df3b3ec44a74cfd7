package org.genegate.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.genegate.gates.HemgenixOrderRecognizer;
import org.genegate.policy.Policy;
import org.genegate.policy.PolicyLoader;
import org.genegate.record.PatientRecord;
import org.genegate.record.RecordPart;
import org.genegate.terminology.CodeIndex;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

class PostInfusionMonitorTest {

    private static final CodeIndex CODES = CodeIndex.load(FhirContext.forR4Cached());
    private static final Policy POLICY = PolicyLoader.loadDefault();
    private static final LocalDate GIVEN = LocalDate.of(2026, 11, 20);
    private static final String ALT = GeneGateTerminology.LOINC_ALT;
    private static final String AST = GeneGateTerminology.LOINC_AST;
    private static final String FIX = GeneGateTerminology.LOINC_FIX_ACTIVITY_PERCENT;

    private final PostInfusionMonitor monitor = new PostInfusionMonitor(POLICY, CODES, new HemgenixOrderRecognizer(CODES));
    private final List<Observation> observations = new ArrayList<>();
    private final List<Resource> administrations = new ArrayList<>(List.of(hemgenix(GIVEN)));
    private final List<CarePlan> plans = new ArrayList<>(List.of(plan()));
    private int ids;

    private static MedicationAdministration hemgenix(LocalDate day) {
        MedicationAdministration administration = new MedicationAdministration();
        administration.setId("ma-" + day);
        administration.setStatus(MedicationAdministration.MedicationAdministrationStatus.COMPLETED);
        administration.setMedication(new CodeableConcept(new Coding(GeneGateTerminology.HCPCS, "J1411", null)));
        administration.setEffective(new DateTimeType(day.toString()));
        return administration;
    }

    private static CarePlan plan() {
        CarePlan plan = new CarePlan().setStatus(CarePlan.CarePlanStatus.ACTIVE);
        plan.addCategory(new CodeableConcept(new Coding(GeneGateTerminology.CODE_SYSTEM,
                GeneGateTerminology.GENE_THERAPY_MONITORING, null)));
        return plan;
    }

    private Observation result(String system, String code, LocalDate day, String value, String unit) {
        Observation observation = new Observation();
        observation.setId("obs-" + ids++);
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.setCode(new CodeableConcept(new Coding(system, code, null)));
        observation.setEffective(new DateTimeType(day.toString()));
        observation.setValue(new Quantity().setValue(new BigDecimal(value)).setUnit(unit).setCode(unit)
                .setSystem(GeneGateTerminology.UCUM));
        observations.add(observation);
        return observation;
    }

    private Observation lab(String code, LocalDate day, String value) {
        return result(GeneGateTerminology.LOINC, code, day, value, code.equals(FIX) ? "%" : "U/L");
    }

    /** Every weekly test on its due day, with these ALT and FIX values. */
    private void weeklyTests(int weeks, String alt, String fix) {
        for (int week = 1; week <= weeks; week++) {
            LocalDate day = GIVEN.plusWeeks(week);
            lab(ALT, day, alt);
            lab(AST, day, "22");
            lab(FIX, day, fix);
        }
    }

    private Optional<MonitoringReview> review(LocalDate asOf) {
        PatientRecord.Builder record = PatientRecord.builder();
        for (RecordPart part : RecordPart.values()) {
            record.part(part, List.of());
        }
        record.part(RecordPart.OBSERVATIONS, observations);
        record.part(RecordPart.MEDICATION_ADMINISTRATIONS, administrations);
        record.part(RecordPart.CARE_PLANS, plans);
        return monitor.review(record.build(), asOf);
    }

    private List<String> kinds(LocalDate asOf) {
        return review(asOf).orElseThrow().alerts().stream().map(a -> a.kind().code()).toList();
    }

    private MonitoringAlert alert(LocalDate asOf, MonitoringAlert.Kind kind) {
        return review(asOf).orElseThrow().alerts().stream().filter(a -> a.kind() == kind).findFirst().orElseThrow();
    }

    @Test
    void aPatientWithoutHemgenixIsNotReviewed() {
        administrations.clear();
        assertThat(review(GIVEN.plusWeeks(20))).isEmpty();
        MedicationAdministration stopped = hemgenix(GIVEN);
        stopped.setStatus(MedicationAdministration.MedicationAdministrationStatus.STOPPED);
        administrations.add(stopped);
        assertThat(review(GIVEN.plusWeeks(20))).isEmpty();
    }

    @Test
    void allWeeklyTestsOnTimeGiveNoAlert() {
        lab(ALT, GIVEN.minusDays(14), "25");
        weeklyTests(12, "30", "35");

        assertThat(kinds(GIVEN.plusWeeks(14))).isEmpty();
    }

    @Test
    void aWeeklyTestIsOverdueOnlyAfterItsGraceDays() {
        weeklyTests(9, "30", "35");
        // Week 10 is due on day 70 and counts up to day 73.
        assertThat(kinds(GIVEN.plusDays(73))).isEmpty();
        MonitoringAlert overdue = alert(GIVEN.plusDays(74), MonitoringAlert.Kind.OVERDUE);

        assertThat(overdue.detail()).contains("**ALT (weekly)**: week 10", "**AST (weekly)**: week 10",
                "**FIX activity (weekly)**: week 10");
        assertThat(overdue.summary()).isEqualTo("overdue ALT, AST, FIX activity");
        assertThat(overdue.remedies()).hasSize(3);
    }

    @Test
    void aMilestoneNeedsFixActivityBleedingRateAndProductUseWithinItsWindow() {
        weeklyTests(12, "30", "35");
        LocalDate threeMonths = GIVEN.plusMonths(3);
        lab(FIX, threeMonths.plusDays(5), "34");
        result(GeneGateTerminology.CODE_SYSTEM, GeneGateTerminology.ANNUALIZED_BLEEDING_RATE, threeMonths, "0", "/a");

        assertThat(kinds(threeMonths.plusDays(30))).isEmpty();
        MonitoringAlert overdue = alert(threeMonths.plusDays(31), MonitoringAlert.Kind.OVERDUE);
        assertThat(overdue.detail()).contains("3-month assessment (due 2027-02-20): FIX product use")
                .doesNotContain("annualized bleeding rate");
        assertThat(overdue.summary()).isEqualTo("overdue milestone");
    }

    @Test
    void altAboveTheUpperLimitOrTwiceBaselineWarnsWithoutALabelDose() {
        lab(ALT, GIVEN.minusDays(14), "20");
        weeklyTests(3, "30", "35");
        lab(ALT, GIVEN.plusWeeks(4), "41");

        MonitoringAlert both = alert(GIVEN.plusWeeks(4), MonitoringAlert.Kind.ALT_RISE);
        assertThat(both.summary()).isEqualTo("ALT 41 U/L above ULN and 2 x baseline: consider corticosteroids");
        assertThat(both.detail()).contains("upper limit of normal (ULN 40 U/L)", "baseline (20 U/L (2026-11-06)",
                "consider corticosteroids", "the site's protocol", "No fixed corticosteroid dose or taper is US label text",
                "are the billing sheet's, not label text")
                .doesNotContain("60 mg").doesNotContain("prednisone");
        assertThat(both.severity().indicator()).isEqualTo("warning");
    }

    @Test
    void altExactlyAtTwiceBaselineAndTheLimitDoesNotWarn() {
        lab(ALT, GIVEN.minusDays(14), "20");
        lab(ALT, GIVEN.plusWeeks(1), "40");

        assertThat(review(GIVEN.plusWeeks(1)).orElseThrow().alerts()).noneMatch(
                a -> a.kind() == MonitoringAlert.Kind.ALT_RISE);
    }

    @Test
    void aPositiveInhibitorAfterDosingIsCriticalButOneBeforeIsNot() {
        result(GeneGateTerminology.LOINC, GeneGateTerminology.LOINC_FIX_INHIBITOR_BU, GIVEN.minusDays(30), "0.9", "[beth'U]");
        assertThat(kinds(GIVEN.plusDays(10))).doesNotContain("inhibitor");

        result(GeneGateTerminology.LOINC, GeneGateTerminology.LOINC_FIX_INHIBITOR_BU, GIVEN.plusDays(10), "0.6", "[beth'U]");
        MonitoringAlert inhibitor = alert(GIVEN.plusDays(10), MonitoringAlert.Kind.INHIBITOR);
        assertThat(inhibitor.severity().indicator()).isEqualTo("critical");
    }

    @Test
    void fixActivityMoreThanHalfBelowItsPeakIsAFall() {
        lab(FIX, GIVEN.plusWeeks(4), "40");
        lab(FIX, GIVEN.plusWeeks(5), "20");
        assertThat(kinds(GIVEN.plusWeeks(5))).doesNotContain("fix-activity");

        lab(FIX, GIVEN.plusWeeks(6), "19");
        MonitoringAlert fall = alert(GIVEN.plusWeeks(6), MonitoringAlert.Kind.FIX_ACTIVITY_FALL);
        assertThat(fall.summary()).isEqualTo("FIX activity falling (40 % to 19 %)");
    }

    @Test
    void noPlanOnRecordIsSaidAndCanBeCreated() {
        plans.clear();
        MonitoringAlert noPlan = alert(GIVEN.plusDays(1), MonitoringAlert.Kind.NO_PLAN);
        assertThat(noPlan.remedies()).hasSize(1);
    }

    @Test
    void unreadableLabsAreSaidNotPassed() {
        PatientRecord.Builder record = PatientRecord.builder();
        for (RecordPart part : RecordPart.values()) {
            record.part(part, List.of());
        }
        record.part(RecordPart.MEDICATION_ADMINISTRATIONS, administrations);
        record.unavailable(RecordPart.OBSERVATIONS, "timed out");

        MonitoringReview review = monitor.review(record.build(), GIVEN.plusWeeks(20)).orElseThrow();
        assertThat(review.alerts()).extracting(a -> a.kind().code()).contains("could-not-verify");
    }

    @Test
    void thePlanBuilderDatesTheScheduleFromTheInfusion() {
        CarePlan plan = new MonitoringPlanBuilder(POLICY.monitoring()).afterAdministration(
                new Reference("Patient/p1"), new Reference("MedicationAdministration/ma1"), GIVEN, false);

        assertThat(plan.getIdentifierFirstRep().getValue()).isEqualTo("p1");
        assertThat(plan.getActivity()).hasSize(3 + 18 + 1 + 1);
        CarePlan.CarePlanActivityDetailComponent sixMonths = plan.getActivity().get(3 + 3).getDetail();
        assertThat(sixMonths.getScheduledPeriod().getStartElement().getValueAsString()).isEqualTo("2027-05-20");
    }
}
