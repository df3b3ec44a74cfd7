package org.genegate.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.genegate.fetch.FhirQuery;
import org.genegate.fetch.MedicationLookup;
import org.genegate.fetch.PrefetchTemplates;
import org.genegate.fetch.RecordAssembler;
import org.genegate.fetch.RecordRequest;
import org.genegate.fetch.ResourceTreeParser;
import org.genegate.findings.GateFinding;
import org.genegate.findings.GateStatus;
import org.genegate.findings.Remedy;
import org.genegate.findings.Severity;
import org.genegate.gates.Assessment;
import org.genegate.gates.GateEngine;
import org.genegate.gates.Gates;
import org.genegate.monitoring.PostInfusionMonitor;
import org.genegate.orders.ProductMentions;
import org.genegate.orders.ProductRecognizer;
import org.genegate.policy.Policies;
import org.genegate.policy.Policy;
import org.genegate.policy.PolicyLoader;
import org.genegate.terminology.CodeIndex;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped Hemgenix and Roctavian policies side by side: each order is judged under its own product's policy,
 * over the real policy files and terminology.
 */
class MultiProductAssessmentTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final ExecutorService EXECUTOR = Executors.newFixedThreadPool(4);
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
    private static final String HCPCS = GeneGateTerminology.HCPCS;
    private static final String ROCTAVIAN_TEXT = "Roctavian (valoctocogene roxaparvovec-rvox)";

    private final AssessmentService service;
    /** The patient's record, as the store answers each query. */
    private final List<Resource> chart = new ArrayList<>();

    MultiProductAssessmentTest() {
        CodeIndex codes = CodeIndex.load(FHIR);
        Policies policies = PolicyLoader.loadShipped(Gates.ALL);
        List<ProductAssessor> products = new ArrayList<>();
        for (Policy policy : policies.all()) {
            ProductRecognizer recognizer = new ProductRecognizer(codes, policy.product());
            products.add(new ProductAssessor(policy, recognizer, new ProductMentions(FHIR, recognizer),
                    new GateEngine(policy, codes), new PostInfusionMonitor(policy, codes, recognizer)));
        }
        ResourceTreeParser parser = new ResourceTreeParser(FHIR);
        service = new AssessmentService(products, new MedicationLookup(parser, EXECUTOR),
                new RecordAssembler(parser, new PrefetchTemplates(codes), EXECUTOR, Duration.ofSeconds(2)),
                Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC));
    }

    @AfterAll
    static void stop() {
        EXECUTOR.shutdownNow();
    }

    /** Answers a query with the chart's resources of the queried type. */
    private final FhirQuery store = query -> {
        String type = query.contains("?") ? query.substring(0, query.indexOf('?')) : query.split("/")[0];
        if (query.startsWith("Patient/")) {
            return chart.stream().filter(r -> r instanceof Patient).toList();
        }
        return chart.stream().filter(r -> r.fhirType().equals(type)).toList();
    };

    private RecordRequest record() {
        return new RecordRequest("p1", null, "Practitioner/u1", Map.of(), store, "https://ehr.example/fhir");
    }

    /** An adult with severe hemophilia A, FVIII < 1 IU/dL, no inhibitor, AAV5 antibodies not detected, 70 kg. */
    private void roctavianCandidate() {
        Patient patient = new Patient();
        patient.setId("p1");
        patient.setBirthDateElement(new DateType("1990-05-01"));
        chart.add(patient);
        Condition hemophiliaA = new Condition();
        hemophiliaA.setId("c1");
        hemophiliaA.setSubject(new Reference("Patient/p1"));
        hemophiliaA.setCode(new CodeableConcept(new Coding(GeneGateTerminology.ICD10CM, "D66", null)));
        chart.add(hemophiliaA);
        chart.add(quantity(result("o1", GeneGateTerminology.LOINC, "3209-4", 10), "0.5", "IU/dL"));
        chart.add(quantity(result("o2", GeneGateTerminology.LOINC, "3204-5", 10), "0", "[arb'U]/mL"));
        Observation antibodies = result("o3", GeneGateTerminology.CODE_SYSTEM, "aav5-total-antibody", 20);
        antibodies.setValue(new CodeableConcept(new Coding(GeneGateTerminology.SNOMED, "260415000", "Not detected")));
        antibodies.setMethod(new CodeableConcept().setText("AAV5 DetectCDx"));
        chart.add(antibodies);
        chart.add(quantity(result("o4", GeneGateTerminology.LOINC, "29463-7", 5), "70", "kg"));
    }

    private static Observation result(String id, String system, String code, int daysAgo) {
        Observation observation = new Observation();
        observation.setId(id);
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.setSubject(new Reference("Patient/p1"));
        observation.setCode(new CodeableConcept(new Coding(system, code, null)));
        observation.setEffective(new DateTimeType(TODAY.minusDays(daysAgo).toString()));
        return observation;
    }

    private static Observation quantity(Observation observation, String value, String unit) {
        observation.setValue(new Quantity().setValue(new BigDecimal(value)).setUnit(unit)
                .setSystem(GeneGateTerminology.UCUM).setCode(unit));
        return observation;
    }

    private static MedicationRequest order(String id, String code, String text, String millilitres) {
        MedicationRequest order = new MedicationRequest()
                .setStatus(MedicationRequest.MedicationRequestStatus.DRAFT)
                .setIntent(MedicationRequest.MedicationRequestIntent.ORDER)
                .setSubject(new Reference("Patient/p1"))
                .setMedication(new CodeableConcept(new Coding(HCPCS, code, null)).setText(text));
        order.setId(id);
        order.setAuthoredOnElement(new DateTimeType(TODAY.toString()));
        order.addDosageInstruction(new Dosage().addDoseAndRate(new Dosage.DosageDoseAndRateComponent()
                .setDose(new Quantity().setValue(new BigDecimal(millilitres)).setUnit("mL")
                        .setSystem(GeneGateTerminology.UCUM).setCode("mL"))));
        return order;
    }

    private OrderAssessments assess(MedicationRequest... orders) {
        return service.assessOrders(AssessmentRequest.allOrders(record(), SentOrders.exact(List.of(orders))));
    }

    private static GateFinding finding(Assessment assessment, String gate) {
        return assessment.finding(gate).orElseThrow(() -> new AssertionError("no finding of " + gate));
    }

    @Test
    void aRoctavianOrderIsJudgedUnderTheRoctavianPolicyOnly() {
        roctavianCandidate();

        OrderAssessments result = assess(order("mr1", "J1412", ROCTAVIAN_TEXT, "210"));

        assertThat(result.assessed()).singleElement().satisfies(a -> {
            Assessment assessment = a.assessment();
            assertThat(assessment.product().billingCode()).isEqualTo("J1412");
            assertThat(assessment.findings()).extracting(GateFinding::gateId)
                    .contains("fviii-activity", "fviii-inhibitor", "aav5-total-antibody", "weight-and-dose")
                    .doesNotContain("fix-activity", "fix-inhibitor", "nab-aav5", "prophylaxis-or-bleeds", "coding");
            assertThat(finding(assessment, "age").status()).isEqualTo(GateStatus.PASS);
            assertThat(finding(assessment, "diagnosis").status()).isEqualTo(GateStatus.PASS);
            assertThat(finding(assessment, "fviii-activity").status()).isEqualTo(GateStatus.PASS);
            assertThat(finding(assessment, "fviii-activity").message()).contains("one-stage assay (LOINC 3209-4)");
            assertThat(finding(assessment, "fviii-inhibitor").status()).isEqualTo(GateStatus.PASS);
            assertThat(finding(assessment, "aav5-total-antibody").status()).isEqualTo(GateStatus.PASS);
            // 70 kg x 3 mL/kg = 210 mL = 4.2 x 10^15 vg, 27 vials of 8 mL.
            GateFinding dose = finding(assessment, "weight-and-dose");
            assertThat(dose.status()).isEqualTo(GateStatus.PASS);
            assertThat(dose.message()).contains("210 mL", "vg", "27 vials").doesNotContain(" gc");
            assertThat(assessment.gates().title("fviii-activity")).isEqualTo("FVIII activity");
            assertThat(assessment.findings()).allSatisfy(f -> assertThat(f.message()).doesNotContain("Hemgenix"));
        });
    }

    @Test
    void anOrderDosedByTheHemgenixFormulaFailsRoctavianDoseWithTheRightVolume() {
        roctavianCandidate();

        // 2 mL/kg is Hemgenix's dose; Roctavian's is 3 mL/kg.
        Assessment assessment = assess(order("mr1", "J1412", ROCTAVIAN_TEXT, "140")).assessed().get(0).assessment();

        GateFinding dose = finding(assessment, "weight-and-dose");
        assertThat(dose.status()).isEqualTo(GateStatus.FAIL);
        assertThat(dose.remedies()).singleElement().isInstanceOfSatisfying(Remedy.UpdateDose.class, update -> {
            assertThat(update.volumeMl()).isEqualByComparingTo("210");
            assertThat(update.vials()).isEqualTo(27);
            assertThat(update.unit()).isEqualTo("vg");
            assertThat(update.genomeCopies()).isEqualByComparingTo("4.2E15");
        });
    }

    @Test
    void aRequestWithBothProductsGetsOneAssessmentUnderEachPolicy() {
        roctavianCandidate();

        OrderAssessments result = assess(order("hemgenix", "J1411", "Hemgenix", "140"),
                order("roctavian", "J1412", ROCTAVIAN_TEXT, "210"));

        assertThat(result.assessed()).extracting(a -> a.order().request().getIdElement().getIdPart() + ":"
                + a.assessment().product().name()).containsExactly("hemgenix:Hemgenix", "roctavian:Roctavian");
        Assessment hemgenix = result.assessed().get(0).assessment();
        Assessment roctavian = result.assessed().get(1).assessment();
        assertThat(hemgenix.finding("fix-activity")).isPresent();
        assertThat(hemgenix.finding("fviii-activity")).isEmpty();
        assertThat(roctavian.finding("fviii-activity")).isPresent();
        assertThat(roctavian.finding("fix-activity")).isEmpty();
        // The patient has hemophilia A: Hemgenix's indication is not on record, Roctavian's is.
        assertThat(finding(hemgenix, "diagnosis").status()).isEqualTo(GateStatus.MISSING);
        assertThat(finding(roctavian, "diagnosis").status()).isEqualTo(GateStatus.PASS);
    }

    @Test
    void aRoctavianOnlyRequestGetsNoHemgenixAssessment() {
        roctavianCandidate();

        OrderAssessments result = assess(order("mr1", "J1412", ROCTAVIAN_TEXT, "210"));

        assertThat(result.assessed()).extracting(a -> a.assessment().product().billingCode()).containsOnly("J1412");
        assertThat(result.notices()).isEmpty();
    }

    @Test
    void detectedAav5AntibodiesAndAPositiveInhibitorBlockRoctavianWithoutARetestRule() {
        roctavianCandidate();
        chart.removeIf(r -> r.getIdElement().getIdPart().equals("o3") || r.getIdElement().getIdPart().equals("o2"));
        Observation detected = result("o5", GeneGateTerminology.CODE_SYSTEM, "aav5-total-antibody", 3);
        detected.setValue(new CodeableConcept(new Coding(GeneGateTerminology.SNOMED, "260373001", "Detected")));
        detected.setMethod(new CodeableConcept().setText("AAV5 DetectCDx"));
        chart.add(detected);
        chart.add(quantity(result("o6", GeneGateTerminology.LOINC, "3204-5", 3), "0.8", "[arb'U]/mL"));

        Assessment assessment = assess(order("mr1", "J1412", ROCTAVIAN_TEXT, "210")).assessed().get(0).assessment();

        GateFinding antibodies = finding(assessment, "aav5-total-antibody");
        assertThat(antibodies.status()).isEqualTo(GateStatus.FAIL);
        assertThat(antibodies.severity()).isEqualTo(Severity.CRITICAL);
        GateFinding inhibitor = finding(assessment, "fviii-inhibitor");
        assertThat(inhibitor.status()).isEqualTo(GateStatus.FAIL);
        assertThat(inhibitor.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(inhibitor.message()).contains("FVIII inhibitor", "do not give Roctavian if positive")
                .doesNotContain("retest");
    }

    @Test
    void withoutAnOrderTheNamedProductIsJudgedElseTheDefault() {
        roctavianCandidate();

        PatientAssessment roctavian = service.assessWithoutOrder(record(), null, "j1412");
        PatientAssessment byDefault = service.assessWithoutOrder(record(), null, null);

        assertThat(roctavian.assessment().product().name()).isEqualTo("Roctavian");
        assertThat(byDefault.assessment().product().name()).isEqualTo("Hemgenix");
    }
}
