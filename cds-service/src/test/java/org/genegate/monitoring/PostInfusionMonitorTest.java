package org.genegate.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.genegate.findings.Remedy;
import org.genegate.gates.Gates;
import org.genegate.orders.ProductRecognizer;
import org.genegate.policy.Policy;
import org.genegate.policy.PolicyLoader;
import org.genegate.record.PatientRecord;
import org.genegate.record.RecordPart;
import org.genegate.terminology.CodeIndex;
import org.genegate.terminology.GeneGateTerminology;
import org.genegate.terminology.TestTerminology;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

class PostInfusionMonitorTest {

    private static final CodeIndex CODES = CodeIndex.load(FhirContext.forR4Cached());
    private static final Policy POLICY = PolicyLoader.loadDefault(Gates.ALL);
    private static final LocalDate GIVEN = LocalDate.of(2026, 11, 20);
    private static final String ALT = GeneGateTerminology.LOINC_ALT;
    private static final String AST = GeneGateTerminology.LOINC_AST;
    private static final String FIX = GeneGateTerminology.LOINC_FIX_ACTIVITY_PERCENT;

    private final PostInfusionMonitor monitor = new PostInfusionMonitor(POLICY, CODES, new ProductRecognizer(CODES, POLICY.product()));
    private final List<Observation> observations = new ArrayList<>();
    private final List<Resource> administrations = new ArrayList<>(List.of(hemgenix(GIVEN)));
    private final List<CarePlan> plans = new ArrayList<>(List.of(plan()));
    private final List<Resource> reports = new ArrayList<>();
    private Patient patient = new Patient().setBirthDateElement(new DateType("1980-01-01"));
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
        record.part(RecordPart.DIAGNOSTIC_REPORTS, reports);
        record.part(RecordPart.PATIENT, List.of(patient));
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
        weeklyTests(12, "25", "35");

        assertThat(kinds(GIVEN.plusWeeks(14))).isEmpty();
    }

    @Test
    void weeklyTestingGoesOnPastWeek12WhileAltStaysAboveBaseline() {
        lab(ALT, GIVEN.minusDays(14), "25");
        weeklyTests(12, "26", "35");
        // Week 13 is due on day 91 and counts up to day 94.
        assertThat(kinds(GIVEN.plusDays(94))).isEmpty();
        MonitoringAlert overdue = alert(GIVEN.plusDays(95), MonitoringAlert.Kind.OVERDUE);
        assertThat(overdue.detail()).contains("**ALT (weekly)**: week 13 (weekly beyond week 12 while ALT stays above "
                + "the pre-infusion baseline)", "**FIX activity (weekly)**: week 13");
        assertThat(overdue.remedies()).hasSize(3);

        // ALT back at baseline in week 13: no week 14.
        lab(ALT, GIVEN.plusWeeks(13), "25");
        lab(AST, GIVEN.plusWeeks(13), "22");
        lab(FIX, GIVEN.plusWeeks(13), "35");
        assertThat(kinds(GIVEN.plusWeeks(15))).isEmpty();
    }

    @Test
    void week12AtBaselineEndsTheWeeklyTests() {
        lab(ALT, GIVEN.minusDays(14), "25");
        weeklyTests(11, "40", "35");
        lab(ALT, GIVEN.plusWeeks(12), "25");
        lab(AST, GIVEN.plusWeeks(12), "22");
        lab(FIX, GIVEN.plusWeeks(12), "35");

        assertThat(kinds(GIVEN.plusWeeks(16))).doesNotContain("overdue");
    }

    private List<ScheduleEntry> schedule(LocalDate asOf) {
        PatientRecord.Builder record = PatientRecord.builder();
        for (RecordPart part : RecordPart.values()) {
            record.part(part, List.of());
        }
        record.part(RecordPart.OBSERVATIONS, observations);
        record.part(RecordPart.MEDICATION_ADMINISTRATIONS, administrations);
        record.part(RecordPart.CARE_PLANS, plans);
        record.part(RecordPart.PATIENT, List.of(patient));
        PatientRecord built = record.build();
        return monitor.schedule(built, monitor.review(built, asOf).orElseThrow());
    }

    private static ScheduleEntry.Status status(List<ScheduleEntry> schedule, String label) {
        return schedule.stream().filter(e -> e.label().equals(label)).findFirst().orElseThrow().status();
    }

    @Test
    void theScheduleListsEachDateDoneDueOrOverdueWithTheAlertsWindows() {
        lab(ALT, GIVEN.minusDays(14), "25");
        weeklyTests(11, "25", "35");

        // Week 12 is due on day 84 and counts up to day 87: due on day 87, overdue from day 88, like the alert.
        List<ScheduleEntry> onDay87 = schedule(GIVEN.plusDays(87));
        assertThat(onDay87).filteredOn(e -> e.kind().equals("weekly")).hasSize(12);
        assertThat(status(onDay87, "week 11")).isEqualTo(ScheduleEntry.Status.DONE);
        assertThat(status(onDay87, "week 12")).isEqualTo(ScheduleEntry.Status.DUE);
        assertThat(kinds(GIVEN.plusDays(87))).doesNotContain("overdue");
        List<ScheduleEntry> onDay88 = schedule(GIVEN.plusDays(88));
        assertThat(status(onDay88, "week 12")).isEqualTo(ScheduleEntry.Status.OVERDUE);
        assertThat(onDay88.stream().filter(e -> e.label().equals("week 12")).findFirst().orElseThrow().missing())
                .containsExactly("ALT", "AST", "FIX activity");
        assertThat(kinds(GIVEN.plusDays(88))).contains("overdue");
        // ALT at baseline: no week 13. The next date is the 3-month follow-up (day 92); the week-11 results (day 77)
        // fall within its 30 days either side, so it is done, as the overdue alert counts it.
        assertThat(onDay88).extracting(ScheduleEntry::label).doesNotContain("week 13")
                .contains("3-month follow-up").doesNotContain("6-month follow-up");
        assertThat(status(onDay88, "3-month follow-up")).isEqualTo(ScheduleEntry.Status.DONE);
        observations.removeIf(o -> o.getEffectiveDateTimeType().getValueAsString().compareTo(GIVEN.plusDays(62)
                .toString()) >= 0);
        assertThat(status(schedule(GIVEN.plusDays(88)), "3-month follow-up")).isEqualTo(ScheduleEntry.Status.DUE);
    }

    /** ALT, AST and FIX activity on a day. */
    private void labs(LocalDate day) {
        lab(ALT, day, "25");
        lab(AST, day, "22");
        lab(FIX, day, "35");
    }

    @Test
    void followUpEvery3MonthsToMonth12Every6MonthsInYear2AndYearlyToYear5() {
        lab(ALT, GIVEN.minusDays(14), "25");
        weeklyTests(12, "25", "35");
        for (int month : new int[] {3, 6, 9}) {
            labs(GIVEN.plusMonths(month));
        }
        LocalDate month12 = GIVEN.plusMonths(12);
        assertThat(kinds(month12.plusDays(30))).doesNotContain("overdue");
        MonitoringAlert missed12 = alert(month12.plusDays(31), MonitoringAlert.Kind.OVERDUE);
        assertThat(missed12.detail()).contains("12-month follow-up (due 2027-11-20): ALT, AST, FIX activity");
        assertThat(missed12.summary()).isEqualTo("overdue follow-up");

        labs(month12);
        labs(GIVEN.plusMonths(18));
        assertThat(alert(GIVEN.plusMonths(24).plusDays(31), MonitoringAlert.Kind.OVERDUE).detail())
                .contains("24-month follow-up (due 2028-11-20)").doesNotContain("18-month");

        labs(GIVEN.plusMonths(24));
        labs(GIVEN.plusMonths(36));
        labs(GIVEN.plusMonths(48));
        assertThat(kinds(GIVEN.plusMonths(60).plusDays(30))).doesNotContain("overdue");
        assertThat(alert(GIVEN.plusMonths(60).plusDays(31), MonitoringAlert.Kind.OVERDUE).detail())
                .contains("60-month follow-up (due 2031-11-20)");
        // After year 5 the yearly visit goes on.
        labs(GIVEN.plusMonths(60));
        assertThat(alert(GIVEN.plusMonths(72).plusDays(31), MonitoringAlert.Kind.OVERDUE).detail())
                .contains("72-month follow-up");
    }

    @Test
    void outcomesAgreementDatesAreInformationNotDuties() {
        lab(ALT, GIVEN.minusDays(14), "25");
        weeklyTests(12, "25", "35");
        LocalDate threeMonths = GIVEN.plusMonths(3);
        lab(FIX, threeMonths.plusDays(5), "34");
        lab(ALT, threeMonths.plusDays(5), "25");
        lab(AST, threeMonths.plusDays(5), "22");
        result(GeneGateTerminology.CODE_SYSTEM, GeneGateTerminology.ANNUALIZED_BLEEDING_RATE, threeMonths, "0", "/a");

        assertThat(kinds(threeMonths.plusDays(30))).isEmpty();
        List<String> kinds = kinds(threeMonths.plusDays(31));
        assertThat(kinds).containsExactly("outcomes-agreement");
        MonitoringAlert dates = alert(threeMonths.plusDays(31), MonitoringAlert.Kind.OUTCOMES_AGREEMENT);
        assertThat(dates.severity().indicator()).isEqualTo("info");
        assertThat(dates.detail()).contains("3 months (2027-02-20): FIX product use", "not clinical requirements")
                .doesNotContain("annualized bleeding rate,");
        assertThat(dates.remedies()).isEmpty();
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
        CarePlan plan = new MonitoringPlanBuilder(POLICY.monitoring(), POLICY.product()).afterAdministration(
                new Reference("Patient/p1"), new Reference("MedicationAdministration/ma1"), GIVEN, false);

        assertThat(plan.getIdentifierFirstRep().getValue()).isEqualTo("p1");
        // 3 weekly tests, 9 follow-ups x 3 tests, yearly after month 60, the ALT-rise step, 6 outcomes dates.
        assertThat(plan.getActivity()).hasSize(3 + 27 + 1 + 1 + 6);
        CarePlan.CarePlanActivityDetailComponent sixMonths = plan.getActivity().get(3 + 3).getDetail();
        assertThat(sixMonths.getDescription()).startsWith("ALT at 6 months");
        assertThat(sixMonths.getScheduledPeriod().getStartElement().getValueAsString()).isEqualTo("2027-05-20");
        assertThat(sixMonths.getScheduledPeriod().getEndElement().getValueAsString()).isEqualTo("2027-06-19");
        assertThat(plan.getActivity()).noneMatch(a -> a.getDetail().getDescription().contains("ultrasound"));
        assertThat(plan.getActivity().get(plan.getActivity().size() - 1).getDetail().getDescription())
                .contains("not a clinical requirement");
    }

    @Test
    void withLiverCancerRiskThePlanAddsYearlyUltrasoundAndAfpForFiveYears() {
        CarePlan plan = new MonitoringPlanBuilder(POLICY.monitoring(), POLICY.product()).afterAdministration(
                new Reference("Patient/p1"), new Reference("MedicationAdministration/ma1"), GIVEN, true);

        assertThat(plan.getActivity()).filteredOn(a -> a.getDetail().hasCode() && a.getDetail().getCode()
                .getCodingFirstRep().getCode().matches("liver-ultrasound|" + GeneGateTerminology.LOINC_AFP))
                .hasSize(2).allSatisfy(a -> {
                    assertThat(a.getDetail().getScheduledTiming().getRepeat().getCount()).isEqualTo(5);
                    assertThat(a.getDetail().getScheduledTiming().getRepeat().getBoundsPeriod().getStartElement()
                            .getValueAsString()).isEqualTo("2027-11-20");
                });
    }

    // Liver-cancer risk: yearly liver ultrasound and alpha-fetoprotein for five years.

    private void followUpsDone(int untilMonth) {
        lab(ALT, GIVEN.minusDays(14), "25");
        weeklyTests(12, "25", "35");
        for (int month : POLICY.monitoring().followUpMonths()) {
            if (month <= untilMonth) {
                labs(GIVEN.plusMonths(month));
            }
        }
    }

    private DiagnosticReport liverImaging(LocalDate day, String conclusion) {
        DiagnosticReport report = new DiagnosticReport();
        report.setId("dr-" + ids++);
        report.setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL);
        report.setCode(new CodeableConcept(new Coding(GeneGateTerminology.CODE_SYSTEM,
                GeneGateTerminology.LIVER_ULTRASOUND, null)));
        report.setEffective(new DateTimeType(day.toString()));
        if (conclusion != null) {
            report.addConclusionCode(new CodeableConcept(new Coding(GeneGateTerminology.SNOMED, conclusion, null)));
        }
        reports.add(report);
        return report;
    }

    @Test
    void withoutRiskFactorsNoLiverSurveillanceIsDue() {
        followUpsDone(12);
        MonitoringReview review = review(GIVEN.plusMonths(12).plusDays(31)).orElseThrow();

        assertThat(review.liverCancerRiskFactors()).isEmpty();
        assertThat(review.alerts()).noneMatch(a -> a.kind() == MonitoringAlert.Kind.OVERDUE);
    }

    @Test
    void fibrosisFoundAtBaselineMakesYearlyUltrasoundAndAfpDue() {
        followUpsDone(12);
        liverImaging(GIVEN.minusDays(60), "62484002");

        MonitoringAlert overdue = alert(GIVEN.plusMonths(12).plusDays(31), MonitoringAlert.Kind.OVERDUE);
        assertThat(overdue.summary()).isEqualTo("overdue liver surveillance");
        assertThat(overdue.detail()).contains("year 1 (due 2027-11-20): liver ultrasound, alpha-fetoprotein",
                "risk factors: liver imaging 2026-09-21");
        assertThat(overdue.remedies()).extracting(r -> ((Remedy.OrderTest) r).code())
                .containsExactly(GeneGateTerminology.LIVER_ULTRASOUND, GeneGateTerminology.LOINC_AFP);

        liverImaging(GIVEN.plusYears(1), null);
        lab(GeneGateTerminology.LOINC_AFP, GIVEN.plusYears(1), "3");
        assertThat(kinds(GIVEN.plusMonths(12).plusDays(31))).doesNotContain("overdue");
    }

    @Test
    void ageFromThePolicysAgeIsARiskFactorAndSurveillanceRunsFiveYears() {
        patient = new Patient().setBirthDateElement(new DateType("1966-11-20"));
        followUpsDone(60);
        for (int year = 1; year <= 4; year++) {
            liverImaging(GIVEN.plusYears(year), null);
            lab(GeneGateTerminology.LOINC_AFP, GIVEN.plusYears(year), "3");
        }

        MonitoringReview review = review(GIVEN.plusYears(5).plusDays(31)).orElseThrow();
        assertThat(review.liverCancerRiskFactors()).singleElement().asString().startsWith("age 60");
        assertThat(alert(GIVEN.plusYears(5).plusDays(31), MonitoringAlert.Kind.OVERDUE).detail())
                .contains("year 5 (due 2031-11-20)").doesNotContain("year 4");

        patient = new Patient().setBirthDateElement(new DateType("1966-11-21"));
        assertThat(review(GIVEN.plusYears(5).plusDays(31)).orElseThrow().liverCancerRiskFactors()).isEmpty();
    }

    // FIX activity: like with like.

    private Observation fix(LocalDate day, String value, String loinc, String unit, String method) {
        Observation observation = result(GeneGateTerminology.LOINC, loinc, day, value, unit);
        if (method != null) {
            observation.setMethod(new CodeableConcept().setText(method));
        }
        return observation;
    }

    @Test
    void aFallAcrossAssaysIsNotAFallButSaidNotComparable() {
        fix(GIVEN.plusWeeks(4), "40", FIX, "%", "chromogenic");
        fix(GIVEN.plusWeeks(6), "19", FIX, "%", "one-stage");

        assertThat(kinds(GIVEN.plusWeeks(6))).doesNotContain("fix-activity").contains("fix-activity-not-comparable");
        assertThat(alert(GIVEN.plusWeeks(6), MonitoringAlert.Kind.FIX_ACTIVITY_NOT_COMPARABLE).detail())
                .contains("differ in test, unit or method");

        fix(GIVEN.plusWeeks(5), "39", FIX, "%", "one-stage");
        assertThat(kinds(GIVEN.plusWeeks(6))).contains("fix-activity").doesNotContain("fix-activity-not-comparable");
    }

    @Test
    void unitsAndCodesAreNotMixed() {
        fix(GIVEN.plusWeeks(4), "40", GeneGateTerminology.LOINC_FIX_ACTIVITY_IU_DL, "[IU]/dL", null);
        fix(GIVEN.plusWeeks(6), "19", FIX, "%", null);

        assertThat(kinds(GIVEN.plusWeeks(6))).doesNotContain("fix-activity").contains("fix-activity-not-comparable");
    }

    @Test
    void aResultWithinAFixProductsWashoutIsNotCompared() {
        MedicationAdministration factor = new MedicationAdministration();
        factor.setId("ma-factor");
        factor.setStatus(MedicationAdministration.MedicationAdministrationStatus.COMPLETED);
        factor.setMedication(new CodeableConcept(new Coding(GeneGateTerminology.HCPCS, "J7195", null))
                .setText("BeneFIX"));
        factor.setEffective(new DateTimeType(GIVEN.plusWeeks(4).minusDays(2).toString()));
        administrations.add(factor);
        // 40 % two days after a standard half-life FIX dose (5-day washout): the product, not the gene therapy.
        fix(GIVEN.plusWeeks(4), "40", FIX, "%", null);
        fix(GIVEN.plusWeeks(5), "19", FIX, "%", null);

        assertThat(kinds(GIVEN.plusWeeks(5))).doesNotContain("fix-activity");
        assertThat(alert(GIVEN.plusWeeks(5), MonitoringAlert.Kind.FIX_ACTIVITY_NOT_COMPARABLE).detail())
                .contains("2 days after BeneFIX", "5-day washout");

        // An extended half-life product washes out over 21 days.
        factor.setMedication(new CodeableConcept(new Coding(GeneGateTerminology.HCPCS, "J7201", null))
                .setText("Alprolix"));
        factor.setEffective(new DateTimeType(GIVEN.plusWeeks(4).minusDays(20).toString()));
        assertThat(kinds(GIVEN.plusWeeks(5))).doesNotContain("fix-activity");
        factor.setEffective(new DateTimeType(GIVEN.plusWeeks(4).minusDays(22).toString()));
        assertThat(kinds(GIVEN.plusWeeks(5))).contains("fix-activity");
    }

    // Kit NDCs: any NDC of the product list makes an administration a Hemgenix dose.

    @Test
    void anAdministrationCodedByAnyKitNdcOfTheProductListIsReviewed() {
        CodeIndex withKit = TestTerminology.withKits(Map.of("0053-0300-14", 14));
        PostInfusionMonitor kitMonitor = new PostInfusionMonitor(POLICY, withKit, new ProductRecognizer(withKit, POLICY.product()));
        MedicationAdministration kit = hemgenix(GIVEN);
        kit.setMedication(new CodeableConcept(new Coding(GeneGateTerminology.NDC, "00053030014", null)));
        PatientRecord.Builder record = PatientRecord.builder();
        for (RecordPart part : RecordPart.values()) {
            record.part(part, List.of());
        }
        record.part(RecordPart.MEDICATION_ADMINISTRATIONS, List.of(kit));

        assertThat(kitMonitor.review(record.build(), GIVEN.plusDays(1))).hasValueSatisfying(review ->
                assertThat(review.alerts()).extracting(a -> a.kind().code()).contains("no-plan"));
        // Every NDC the shipped list carries counts, whichever kit it is.
        for (Coding ndc : CODES.codes(GeneGateTerminology.VS_HEMGENIX_PRODUCT)) {
            if (GeneGateTerminology.NDC.equals(ndc.getSystem())) {
                kit.setMedication(new CodeableConcept(new Coding(GeneGateTerminology.NDC, ndc.getCode(), null)));
                assertThat(monitor.review(record.build(), GIVEN.plusDays(1))).as(ndc.getCode()).isPresent();
            }
        }
    }
}
