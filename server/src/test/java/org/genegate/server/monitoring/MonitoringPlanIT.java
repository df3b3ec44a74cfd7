package org.genegate.server.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.genegate.profiles.Scenarios;
import org.genegate.server.AbstractServerIT;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/** A completed Hemgenix MedicationAdministration files the monitoring CarePlan, once. */
class MonitoringPlanIT extends AbstractServerIT {

    private static final String CATEGORY = GeneGateTerminology.CODE_SYSTEM + "|"
            + GeneGateTerminology.GENE_THERAPY_MONITORING;

    private void put(Resource resource) {
        String path = resource.fhirType() + "/" + resource.getIdElement().getIdPart();
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(fhirBase() + "/" + path))
                .header("Content-Type", "application/fhir+json")
                .PUT(HttpRequest.BodyPublishers.ofString(fhirContext.newJsonParser().encodeResourceToString(resource))));
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
    }

    private void post(Resource resource) {
        HttpResponse<String> response = fhirPost(resource.fhirType(),
                fhirContext.newJsonParser().encodeResourceToString(resource));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private List<CarePlan> plans(String patientId) {
        HttpResponse<String> response = fhirGet("CarePlan?subject=Patient/" + patientId + "&category=" + CATEGORY);
        assertThat(response.statusCode()).isEqualTo(200);
        return parse(Bundle.class, response).getEntry().stream().map(e -> (CarePlan) e.getResource()).toList();
    }

    private static Patient patient(String id) {
        Patient patient = new Patient();
        patient.setId(id);
        patient.addName().setFamily("Monitoring").addGiven("Test");
        return patient;
    }

    private static MedicationAdministration hemgenix(String patientId, String date,
                                                     MedicationAdministration.MedicationAdministrationStatus status) {
        MedicationAdministration administration = new MedicationAdministration();
        administration.setStatus(status);
        administration.setMedication(new CodeableConcept(new Coding(GeneGateTerminology.HCPCS, "J1411", null))
                .setText("Hemgenix"));
        administration.setSubject(new Reference("Patient/" + patientId));
        administration.setEffective(new DateTimeType(date + "T10:00:00-06:00"));
        return administration;
    }

    private static long activities(CarePlan plan, String system, String code) {
        return plan.getActivity().stream().filter(a -> a.getDetail().getCode().getCoding().stream()
                .anyMatch(c -> c.getSystem().equals(system) && c.getCode().equals(code))).count();
    }

    @Test
    void aCompletedAdministrationFilesTheDatedPlanOnceHoweverOftenItIsRecorded() {
        put(patient("monit-once-patient"));
        MedicationAdministration administration = hemgenix("monit-once-patient", "2026-08-14",
                MedicationAdministration.MedicationAdministrationStatus.COMPLETED);
        post(administration);
        post(administration);
        administration.setId("monit-once-admin");
        put(administration);
        administration.addNote().setText("Infused over 17 minutes, lot 123");
        put(administration);

        List<CarePlan> plans = plans("monit-once-patient");
        assertThat(plans).hasSize(1);
        CarePlan plan = plans.get(0);
        assertThat(plan.getStatus()).isEqualTo(CarePlan.CarePlanStatus.ACTIVE);
        assertThat(plan.getPeriod().getStartElement().getValueAsString()).isEqualTo("2026-08-14");
        assertThat(plan.getIdentifierFirstRep().getSystem()).isEqualTo(GeneGateTerminology.MONITORING_PLAN_IDENTIFIER);
        // Weekly, then at the nine follow-up months (3, 6, 9, 12, 18, 24, 36, 48, 60).
        assertThat(activities(plan, GeneGateTerminology.LOINC, GeneGateTerminology.LOINC_ALT)).isEqualTo(10);
        assertThat(activities(plan, GeneGateTerminology.LOINC, GeneGateTerminology.LOINC_AST)).isEqualTo(10);
        assertThat(activities(plan, GeneGateTerminology.LOINC, GeneGateTerminology.LOINC_FIX_ACTIVITY_PERCENT))
                .isEqualTo(10);
        // The six outcomes-agreement reporting dates, apart from the clinical schedule.
        assertThat(activities(plan, GeneGateTerminology.CODE_SYSTEM, GeneGateTerminology.ANNUALIZED_BLEEDING_RATE))
                .isEqualTo(6);
        assertThat(activities(plan, GeneGateTerminology.CODE_SYSTEM, GeneGateTerminology.LIVER_ULTRASOUND))
                .isZero();
        assertThat(activities(plan, GeneGateTerminology.LOINC, GeneGateTerminology.LOINC_AFP)).isZero();
        CarePlan.CarePlanActivityDetailComponent alt = plan.getActivity().stream().map(
                CarePlan.CarePlanActivityComponent::getDetail).filter(d -> d.getCode().getCodingFirstRep().getCode()
                .equals(GeneGateTerminology.LOINC_ALT)).findFirst().orElseThrow();
        assertThat(alt.getScheduledTiming().getRepeat().getCount()).isEqualTo(12);
        assertThat(alt.getScheduledTiming().getRepeat().getBoundsPeriod().getEndElement().getValueAsString())
                .isEqualTo("2026-11-06");
        assertThat(plan.getDescription()).contains("consider corticosteroids per the label and the site's protocol")
                .doesNotContain("60 mg");
    }

    @Test
    void anAdministrationCompletedLaterFilesThePlanThenAndAMovedDateRedatesIt() {
        put(patient("monit-later-patient"));
        MedicationAdministration administration = hemgenix("monit-later-patient", "2026-09-01",
                MedicationAdministration.MedicationAdministrationStatus.INPROGRESS);
        administration.setId("monit-later-admin");
        put(administration);
        assertThat(plans("monit-later-patient")).isEmpty();

        administration.setStatus(MedicationAdministration.MedicationAdministrationStatus.COMPLETED);
        put(administration);
        assertThat(plans("monit-later-patient")).singleElement().satisfies(plan ->
                assertThat(plan.getPeriod().getStartElement().getValueAsString()).isEqualTo("2026-09-01"));

        administration.setEffective(new DateTimeType("2026-09-02T09:00:00-06:00"));
        put(administration);
        assertThat(plans("monit-later-patient")).singleElement().satisfies(plan ->
                assertThat(plan.getPeriod().getStartElement().getValueAsString()).isEqualTo("2026-09-02"));
    }

    @Test
    void liverCancerRiskFactorsAddYearlyLiverImaging() {
        put(patient("monit-risk-patient"));
        Condition cirrhosis = new Condition();
        cirrhosis.setId("monit-risk-cirrhosis");
        cirrhosis.setSubject(new Reference("Patient/monit-risk-patient"));
        cirrhosis.setClinicalStatus(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/condition-clinical", "active", null)));
        cirrhosis.setCode(new CodeableConcept(new Coding(GeneGateTerminology.ICD10CM, "K74.60",
                "Unspecified cirrhosis of liver")));
        put(cirrhosis);
        post(hemgenix("monit-risk-patient", "2026-07-01",
                MedicationAdministration.MedicationAdministrationStatus.COMPLETED));

        CarePlan plan = plans("monit-risk-patient").get(0);
        assertThat(activities(plan, GeneGateTerminology.CODE_SYSTEM, GeneGateTerminology.LIVER_ULTRASOUND))
                .isEqualTo(1);
        assertThat(activities(plan, GeneGateTerminology.LOINC, GeneGateTerminology.LOINC_AFP)).isEqualTo(1);
        assertThat(plan.getDescription()).contains("liver ultrasound and alpha-fetoprotein yearly for 5 years");
    }

    @Test
    void fibrosisFoundAtBaselineAddsLiverSurveillanceAndTheKitNdcAloneFilesThePlan() {
        put(patient("monit-fibrosis-patient"));
        DiagnosticReport elastography = new DiagnosticReport();
        elastography.setId("monit-fibrosis-report");
        elastography.setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL);
        elastography.setSubject(new Reference("Patient/monit-fibrosis-patient"));
        elastography.setCode(new CodeableConcept(new Coding(GeneGateTerminology.CODE_SYSTEM,
                GeneGateTerminology.LIVER_ELASTOGRAPHY, null)));
        elastography.setEffective(new DateTimeType("2026-05-01"));
        elastography.addConclusionCode(new CodeableConcept(new Coding(GeneGateTerminology.SNOMED, "62484002",
                "Hepatic fibrosis")));
        put(elastography);
        MedicationAdministration kit = hemgenix("monit-fibrosis-patient", "2026-07-01",
                MedicationAdministration.MedicationAdministrationStatus.COMPLETED);
        kit.setMedication(new CodeableConcept(new Coding(GeneGateTerminology.NDC, "00053030030", null)));
        post(kit);

        CarePlan plan = plans("monit-fibrosis-patient").get(0);
        assertThat(activities(plan, GeneGateTerminology.CODE_SYSTEM, GeneGateTerminology.LIVER_ULTRASOUND))
                .isEqualTo(1);
        assertThat(activities(plan, GeneGateTerminology.LOINC, GeneGateTerminology.LOINC_AFP)).isEqualTo(1);
    }

    @Test
    void otherDrugsAndTransactionBundlesAreHandledAsTheyShouldBe() {
        put(patient("monit-other-patient"));
        MedicationAdministration factor = hemgenix("monit-other-patient", "2026-08-01",
                MedicationAdministration.MedicationAdministrationStatus.COMPLETED);
        factor.setMedication(new CodeableConcept(new Coding(GeneGateTerminology.HCPCS, "J7195", null))
                .setText("Factor IX (recombinant)"));
        post(factor);
        assertThat(plans("monit-other-patient")).isEmpty();

        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        Patient patient = patient(null);
        transaction.addEntry().setFullUrl("urn:uuid:7f6c2a52-3b59-4a8e-9c1e-0d3c1f0b9a11").setResource(patient)
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
        MedicationAdministration administration = hemgenix("x", "2026-08-20",
                MedicationAdministration.MedicationAdministrationStatus.COMPLETED);
        administration.setSubject(new Reference("urn:uuid:7f6c2a52-3b59-4a8e-9c1e-0d3c1f0b9a11"));
        transaction.addEntry().setResource(administration).getRequest().setMethod(Bundle.HTTPVerb.POST)
                .setUrl("MedicationAdministration");
        HttpResponse<String> response = fhirPost("", fhirContext.newJsonParser().encodeResourceToString(transaction));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String patientId = new org.hl7.fhir.r4.model.IdType(parse(Bundle.class, response).getEntryFirstRep()
                .getResponse().getLocation()).getIdPart();
        assertThat(plans(patientId)).hasSize(1);
    }

    @Test
    void theDemoScenarioWithAnEarlierHemgenixDoseHasItsPlan() {
        assertThat(plans("prior-hemgenix-patient")).filteredOn(CarePlan::hasIdentifier).singleElement()
                .satisfies(plan -> assertThat(plan.getPeriod().getStartElement().getValueAsString())
                        .isEqualTo(Scenarios.byId("prior-hemgenix").dates().shift("2024-03-12")));
    }
}
