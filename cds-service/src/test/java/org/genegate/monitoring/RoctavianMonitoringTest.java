package org.genegate.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.genegate.gates.Gates;
import org.genegate.orders.ProductRecognizer;
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
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/** After a Roctavian infusion, with the shipped Roctavian policy: FVIII and ALT weekly for 26 weeks, nothing after. */
class RoctavianMonitoringTest {

    private static final CodeIndex CODES = CodeIndex.load(FhirContext.forR4Cached());
    private static final Policy ROCTAVIAN = PolicyLoader.loadResource("policy/j1412-policy.yaml", Gates.ALL);
    private static final LocalDate GIVEN = LocalDate.of(2026, 3, 2);
    private static final String ALT = GeneGateTerminology.LOINC_ALT;
    private static final String FVIII = GeneGateTerminology.LOINC_FVIII_ACTIVITY_ONE_STAGE;

    private final PostInfusionMonitor monitor = new PostInfusionMonitor(ROCTAVIAN, CODES,
            new ProductRecognizer(CODES, ROCTAVIAN.product()));
    private final List<Resource> observations = new ArrayList<>();
    private int ids;

    private static MedicationAdministration roctavian() {
        MedicationAdministration administration = new MedicationAdministration();
        administration.setId("ma-1");
        administration.setStatus(MedicationAdministration.MedicationAdministrationStatus.COMPLETED);
        administration.setMedication(new CodeableConcept(new Coding(GeneGateTerminology.HCPCS, "J1412", null))
                .setText("Roctavian (valoctocogene roxaparvovec-rvox)"));
        administration.setEffective(new DateTimeType(GIVEN.toString()));
        return administration;
    }

    private static CarePlan plan() {
        CarePlan plan = new CarePlan().setStatus(CarePlan.CarePlanStatus.ACTIVE);
        plan.addCategory(new CodeableConcept(new Coding(GeneGateTerminology.CODE_SYSTEM,
                GeneGateTerminology.GENE_THERAPY_MONITORING, null)));
        return plan;
    }

    private void lab(String code, LocalDate day, String value, String unit) {
        Observation observation = new Observation();
        observation.setId("obs-" + ids++);
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.setCode(new CodeableConcept(new Coding(GeneGateTerminology.LOINC, code, null)));
        observation.setEffective(new DateTimeType(day.toString()));
        observation.setValue(new Quantity().setValue(new BigDecimal(value)).setUnit(unit).setCode(unit)
                .setSystem(GeneGateTerminology.UCUM));
        observations.add(observation);
    }

    private MonitoringReview review(LocalDate asOf) {
        PatientRecord.Builder record = PatientRecord.builder();
        for (RecordPart part : RecordPart.values()) {
            record.part(part, List.of());
        }
        record.part(RecordPart.OBSERVATIONS, observations);
        record.part(RecordPart.MEDICATION_ADMINISTRATIONS, List.of(roctavian()));
        record.part(RecordPart.CARE_PLANS, List.of(plan()));
        record.part(RecordPart.PATIENT, List.of(new Patient().setBirthDateElement(new DateType("1990-01-01"))));
        return monitor.review(record.build(), asOf).orElseThrow();
    }

    @Test
    void thePlanIsWeeklyAltAndFviiiFor26WeeksAndSaysTheRestIsNotVerified() {
        CarePlan plan = new MonitoringPlanBuilder(ROCTAVIAN.monitoring(), ROCTAVIAN.product())
                .afterAdministration(new Reference("Patient/p1"), new Reference("MedicationAdministration/ma-1"),
                        GIVEN, false);

        assertThat(plan.getTitle()).isEqualTo("Roctavian post-infusion monitoring");
        assertThat(plan.getDescription()).startsWith("ALT and FVIII activity weekly for 26 weeks")
                .contains("after week 26 the label's schedule was not verified")
                .doesNotContain("AST").doesNotContain("FIX").doesNotContain("Hemgenix");
        assertThat(plan.getActivity()).extracting(a -> a.getDetail().getCode().getCodingFirstRep().getCode())
                .contains(ALT, FVIII).doesNotContain(GeneGateTerminology.LOINC_AST,
                        GeneGateTerminology.LOINC_FIX_ACTIVITY_PERCENT);
    }

    @Test
    void missedWeeksNameAltAndFviiiActivity() {
        MonitoringReview review = review(GIVEN.plusWeeks(3));

        assertThat(review.alerts()).filteredOn(a -> a.kind() == MonitoringAlert.Kind.OVERDUE).singleElement()
                .satisfies(alert -> {
                    assertThat(alert.summary()).isEqualTo("overdue ALT, FVIII activity");
                    assertThat(alert.detail()).contains("**FVIII activity (weekly)**").doesNotContain("AST");
                });
    }

    @Test
    void nothingIsDueAfterWeek26WhenEveryWeeklyTestIsDone() {
        lab(ALT, GIVEN.minusDays(7), "25", "U/L");
        for (int week = 1; week <= 26; week++) {
            lab(ALT, GIVEN.plusWeeks(week), "25", "U/L");
            lab(FVIII, GIVEN.plusWeeks(week), "40", "%");
        }

        MonitoringReview review = review(GIVEN.plusWeeks(60));

        assertThat(review.alerts()).extracting(MonitoringAlert::kind).doesNotContain(MonitoringAlert.Kind.OVERDUE);
    }

    @Test
    void aPositiveFviiiInhibitorAfterDosingIsCritical() {
        lab(GeneGateTerminology.LOINC_FVIII_INHIBITOR_BU, GIVEN.plusWeeks(2), "1.2", "[arb'U]/mL");

        MonitoringReview review = review(GIVEN.plusWeeks(2));

        assertThat(review.alerts()).filteredOn(a -> a.kind() == MonitoringAlert.Kind.INHIBITOR).singleElement()
                .satisfies(alert -> {
                    assertThat(alert.summary()).startsWith("FVIII inhibitor positive after dosing");
                    assertThat(alert.detail()).contains("Roctavian", "factor VIII replacement");
                });
    }
}
