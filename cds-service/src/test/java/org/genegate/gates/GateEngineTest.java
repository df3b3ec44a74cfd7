package org.genegate.gates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.genegate.gates.GateTestSupport.CODES;
import static org.genegate.gates.GateTestSupport.ORDER_DATE;
import static org.genegate.gates.GateTestSupport.POLICY;
import static org.genegate.gates.GateTestSupport.concept;
import static org.genegate.gates.GateTestSupport.hemgenixRequest;
import static org.genegate.gates.GateTestSupport.lab;
import static org.genegate.gates.GateTestSupport.loinc;
import static org.genegate.gates.GateTestSupport.order;
import static org.genegate.gates.GateTestSupport.quantity;
import static org.genegate.gates.GateTestSupport.snomedValue;
import static org.genegate.gates.GateTestSupport.text;
import static org.genegate.gates.GateTestSupport.withDose;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.genegate.findings.GateFinding;
import org.genegate.findings.GateStatus;
import org.genegate.findings.Severity;
import org.genegate.orders.DraftOrder;
import org.genegate.policy.Policy;
import org.genegate.policy.PolicyLoader;
import org.genegate.record.PatientRecord;
import org.genegate.record.RecordPart;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class GateEngineTest {

    private final GateEngine engine = new GateEngine(POLICY, CODES);

    /** An eligible adult with a complete work-up, at a certified center, insured by Aetna. */
    static GateTestSupport.RecordBuilder eligiblePatient() {
        Patient patient = new Patient();
        patient.setId("p1");
        patient.setBirthDateElement(new DateType("1980-04-02"));
        Condition d67 = new Condition();
        d67.setCode(concept(GeneGateTerminology.ICD10CM, "D67"));
        MedicationRequest prophylaxis = new MedicationRequest();
        prophylaxis.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
        prophylaxis.setMedication(concept(GeneGateTerminology.HCPCS, "J7202"));
        DiagnosticReport ultrasound = new DiagnosticReport();
        ultrasound.setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL);
        ultrasound.setCode(concept(GeneGateTerminology.CODE_SYSTEM, GeneGateTerminology.LIVER_ULTRASOUND));
        ultrasound.setEffective(new org.hl7.fhir.r4.model.DateTimeType(ORDER_DATE.minusDays(20).toString()));
        ultrasound.addConclusionCode(concept("http://snomed.info/sct", "281900007"));
        DiagnosticReport elastography = new DiagnosticReport();
        elastography.setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL);
        elastography.setCode(concept(GeneGateTerminology.CODE_SYSTEM, GeneGateTerminology.LIVER_ELASTOGRAPHY));
        elastography.setEffective(new org.hl7.fhir.r4.model.DateTimeType(ORDER_DATE.minusDays(20).toString()));
        elastography.addConclusionCode(concept("http://snomed.info/sct", "281900007"));
        CarePlan plan = new CarePlan();
        plan.setStatus(CarePlan.CarePlanStatus.DRAFT);
        plan.addCategory(concept(GeneGateTerminology.CODE_SYSTEM, GeneGateTerminology.GENE_THERAPY_MONITORING));
        Encounter encounter = new Encounter();
        encounter.setId("e1");
        encounter.setServiceProvider(new Reference("Organization/htc"));
        encounter.addLocation().setLocation(new Reference("Location/l1"));
        Organization htc = new Organization();
        htc.setId("htc");
        htc.setName("Regional HTC");
        htc.addType(concept(GeneGateTerminology.CODE_SYSTEM, GeneGateTerminology.CERTIFIED_HTC));
        Location location = new Location();
        location.setId("l1");
        location.addType(concept(GeneGateTerminology.POS, "22"));
        PractitionerRole role = new PractitionerRole();
        role.setPractitioner(new Reference("Practitioner/dr-h"));
        role.addSpecialty(concept(GeneGateTerminology.NUCC, "207RH0000X"));
        Coverage coverage = new Coverage();
        coverage.setId("cov-1");
        coverage.setStatus(Coverage.CoverageStatus.ACTIVE);
        coverage.addPayor(new Reference().setDisplay("Aetna"));

        return GateTestSupport.record()
                .with(RecordPart.PATIENT, patient)
                .with(RecordPart.CONDITIONS, d67)
                .with(RecordPart.MEDICATION_REQUESTS, prophylaxis)
                .with(RecordPart.DIAGNOSTIC_REPORTS, ultrasound, elastography)
                .with(RecordPart.CARE_PLANS, plan)
                .with(RecordPart.ENCOUNTER, encounter, htc, location)
                .with(RecordPart.PRACTITIONER_ROLES, role)
                .with(RecordPart.COVERAGE, coverage)
                .observations(
                        quantity(loinc("3185-6", 5), "0.1", "BU/mL", "[beth'U]/mL"),
                        text(lab(GeneGateTerminology.CODE_SYSTEM, GeneGateTerminology.AAV5_NAB_TITER, 5), "1:50"),
                        quantity(loinc("3187-2", 400), "1", "%", "%"),
                        snomedValue(loinc("5196-1", 10), "260385009", "Negative"),
                        snomedValue(loinc("13955-0", 10), "260385009", "Negative"),
                        snomedValue(loinc("56888-1", 10), "260385009", "Negative"),
                        quantity(loinc("1742-6", 5), "30", "U/L", "U/L"),
                        quantity(loinc("1920-8", 5), "30", "U/L", "U/L"),
                        quantity(loinc("6768-6", 5), "80", "U/L", "U/L"),
                        quantity(loinc("1975-2", 5), "0.7", "mg/dL", "mg/dL"),
                        quantity(loinc("29463-7", 5), "70", "kg", "kg"));
    }

    static DraftOrder eligibleOrder() {
        MedicationRequest request = withDose(hemgenixRequest(), "140", "mL", "mL");
        request.setRequester(new Reference("Practitioner/dr-h"));
        request.setEncounter(new Reference("Encounter/e1"));
        return order(request);
    }

    @Test
    void anEligibleOrderPassesEveryGateInPolicyOrderAndCarriesThePayerFacts() {
        Assessment assessment = engine.assess(eligiblePatient().build(), eligibleOrder());

        assertThat(assessment.findings()).extracting(GateFinding::gateId).containsExactlyElementsOf(GateTestSupport.HEMGENIX_GATES);
        assertThat(assessment.findings()).allSatisfy(f -> assertThat(f.status())
                .as(f.gateId() + ": " + f.message()).isEqualTo(GateStatus.PASS));
        assertThat(assessment.finding("payer").orElseThrow().severity()).isEqualTo(Severity.INFO);
        assertThat(assessment.policyVersion()).isEqualTo("2026.12.02");
        assertThat(assessment.coverageDetermination()).hasValueSatisfying(c -> {
            assertThat(c.payerId()).isEqualTo("aetna");
            assertThat(c.paNeeded()).isEqualTo("auth-needed");
        });
        assertThat(engine.partsRead()).containsExactlyInAnyOrder(RecordPart.values());
    }

    @Test
    void anUnavailablePartMakesTheGatesThatReadItCouldNotVerify() {
        PatientRecord record = eligiblePatient().unavailable(RecordPart.OBSERVATIONS, "timeout after 3 s").build();

        Assessment assessment = engine.assess(record, eligibleOrder());

        GateFinding nab = assessment.finding("nab-aav5").orElseThrow();
        assertThat(nab.status()).isEqualTo(GateStatus.COULD_NOT_VERIFY);
        assertThat(nab.severity()).isEqualTo(Severity.WARNING);
        assertThat(nab.message()).contains("anti-AAV5", "observations could not be fetched (timeout after 3 s)");
        assertThat(nab.remedies()).isEmpty();
        assertThat(nab.source()).isEqualTo(POLICY.settings(NabAav5Gate.DEFINITION).source());
        assertThat(assessment.finding("age").orElseThrow().status()).isEqualTo(GateStatus.PASS);
        assertThat(assessment.finding("coding").orElseThrow().status()).isEqualTo(GateStatus.PASS);
        // Prophylaxis is documented by an order, which is available: still the observations were not seen.
        assertThat(assessment.finding("prophylaxis-or-bleeds").orElseThrow().status())
                .isEqualTo(GateStatus.COULD_NOT_VERIFY);
    }

    @Test
    void aFailStandsWhileAnotherPartTheGateReadsIsUnavailable() {
        MedicationAdministration earlier = new MedicationAdministration();
        earlier.setId("ma-1");
        earlier.setStatus(MedicationAdministration.MedicationAdministrationStatus.COMPLETED);
        earlier.setMedication(concept(GeneGateTerminology.HCPCS, "J1411"));
        PatientRecord record = eligiblePatient()
                .with(RecordPart.MEDICATION_ADMINISTRATIONS, earlier)
                .unavailable(RecordPart.PROCEDURES, "server returned 503")
                .build();

        GateFinding finding = engine.assess(record, eligibleOrder()).finding("prior-gene-therapy").orElseThrow();

        assertThat(finding.status()).isEqualTo(GateStatus.FAIL);
        assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void aPartNeitherFetchedNorReportedIsNotTakenAsEmpty() {
        PatientRecord record = PatientRecord.builder().build();

        Assessment assessment = engine.assess(record, eligibleOrder());

        assertThat(assessment.finding("age").orElseThrow().status()).isEqualTo(GateStatus.COULD_NOT_VERIFY);
        assertThat(assessment.finding("age").orElseThrow().message()).contains("not provided");
        assertThat(assessment.finding("payer").orElseThrow().status()).isEqualTo(GateStatus.COULD_NOT_VERIFY);
        assertThat(assessment.coverage()).isNull();
    }

    @Test
    void anUnavailableCoverageLeavesNoCoverageDetermination() {
        Assessment assessment = engine.assess(
                eligiblePatient().unavailable(RecordPart.COVERAGE, "401 from the EHR").build(), eligibleOrder());

        assertThat(assessment.coverageDetermination()).isEmpty();
        assertThat(assessment.finding("payer").orElseThrow().status()).isEqualTo(GateStatus.COULD_NOT_VERIFY);
    }

    @Test
    void failuresOfSeveralGatesAreAllReported() {
        PatientRecord record = eligiblePatient()
                .observations(text(lab(GeneGateTerminology.CODE_SYSTEM, GeneGateTerminology.AAV5_NAB_TITER, 1), "1:900"))
                .build();
        MedicationRequest request = withDose(hemgenixRequest(), "200", "mL", "mL");
        request.setRequester(new Reference("Practitioner/dr-h"));
        request.setEncounter(new Reference("Encounter/e1"));
        request.setMedication(new org.hl7.fhir.r4.model.CodeableConcept(
                new Coding(GeneGateTerminology.HCPCS, "J3490", null)).setText("Hemgenix"));

        Assessment assessment = engine.assess(record, order(request));

        assertThat(assessment.findings()).filteredOn(f -> f.status() == GateStatus.FAIL)
                .extracting(GateFinding::gateId).containsExactly("nab-aav5", "weight-and-dose", "coding");
    }

    @Test
    void aDisabledGateIsNotRun() throws IOException {
        String yaml;
        try (InputStream in = PolicyLoader.class.getClassLoader().getResourceAsStream(PolicyLoader.DEFAULT_RESOURCE)) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String disabled = yaml.replaceFirst("(?s)(  nab-aav5:\\n    enabled: )true", "$1false");
        Policy policy = PolicyLoader.load(new ByteArrayInputStream(disabled.getBytes(StandardCharsets.UTF_8)), "test", Gates.ALL);
        GateEngine withoutNab = new GateEngine(policy, CODES);

        Assessment assessment = withoutNab.assess(eligiblePatient().build(), eligibleOrder());

        assertThat(assessment.finding("nab-aav5")).isEmpty();
        assertThat(assessment.findings()).hasSize(GateTestSupport.HEMGENIX_GATES.size() - 1);
        assertThat(withoutNab.enabledGateIds()).doesNotContain("nab-aav5");
    }

    @Test
    void procedureHistoryIsReadForThePriorTherapyGate() {
        Procedure procedure = new Procedure();
        procedure.setStatus(Procedure.ProcedureStatus.COMPLETED);
        procedure.setCode(new org.hl7.fhir.r4.model.CodeableConcept().setText("Beqvez infusion"));

        GateFinding finding = engine.assess(eligiblePatient().with(RecordPart.PROCEDURES, procedure).build(),
                eligibleOrder()).finding("prior-gene-therapy").orElseThrow();

        assertThat(finding.status()).isEqualTo(GateStatus.FAIL);
    }
}
