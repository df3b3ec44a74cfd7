package org.genegate.server.claims;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.genegate.profiles.Scenarios;
import org.genegate.server.AbstractServerIT;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Claim/$j1411-check over HTTP. Every row of the billing sheet's "top denials" table has a case here: the
 * record rows through the scenario patients (the claim is for them), the billing rows on the claim itself.
 */
class ClaimCheckIT extends AbstractServerIT {

    private static final String PATH = "Claim/$j1411-check";

    /**
     * A clean professional claim for the scenario patient, dated on the scenarios' order day (2026-11-20 as written,
     * moved with the patient's record to the load day's calendar); for any other patient, on the load day.
     */
    private static Claim claim(String patientId) {
        String serviceDay = Scenarios.all().stream().filter(s -> s.patientId().equals(patientId)).findFirst()
                .map(s -> s.dates().shift("2026-11-20")).orElse(Scenarios.loadDay().toString());
        Claim claim = new Claim();
        claim.setStatus(Claim.ClaimStatus.ACTIVE);
        claim.setType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/claim-type",
                "professional", null)));
        claim.setUse(Claim.Use.CLAIM);
        claim.setPatient(new Reference("Patient/" + patientId));
        claim.addDiagnosis().setSequence(1).setDiagnosis(new CodeableConcept(new Coding(GeneGateTerminology.ICD10CM,
                "D67", null)));
        claim.addSupportingInfo().setSequence(1).setCode(new CodeableConcept(new Coding(GeneGateTerminology.CODE_SYSTEM,
                GeneGateTerminology.LOT_NUMBER, null))).setValue(new StringType("A123456"));
        Claim.ItemComponent drug = claim.addItem().setSequence(1)
                .setProductOrService(new CodeableConcept(new Coding(GeneGateTerminology.HCPCS, "J1411", null)))
                .setQuantity(new Quantity().setValue(1)).setServiced(new DateType(serviceDay))
                .setLocation(new CodeableConcept(new Coding(GeneGateTerminology.POS, "22", null)));
        drug.addEncounter(new Reference("Encounter/" + patientId.replace("-patient", "-encounter")));
        drug.addDetail().setSequence(1)
                .setProductOrService(new CodeableConcept(new Coding(GeneGateTerminology.NDC, "00053030030", null)))
                .setQuantity(new Quantity().setValue(1).setCode("UN"));
        claim.addItem().setSequence(2)
                .setProductOrService(new CodeableConcept(new Coding(GeneGateTerminology.CPT, "96365", null)))
                .setQuantity(new Quantity().setValue(1)).setServiced(new DateType(serviceDay))
                .setLocation(new CodeableConcept(new Coding(GeneGateTerminology.POS, "22", null)));
        return claim;
    }

    /**
     * A clean J1412 claim for the Roctavian scenario patient (70 kg on record): 210 mL given, JW for the 6 mL left of
     * 27 vials of 8 mL, D66 first, 96365 + 96366 for a 98-minute infusion.
     */
    private static Claim roctavianClaim() {
        String patientId = "roctavian-eligible-patient";
        Claim claim = claim(patientId);
        String serviceDay = claim.getItemFirstRep().getServicedDateType().getValueAsString();
        claim.getDiagnosisFirstRep().getDiagnosisCodeableConcept().getCodingFirstRep().setCode("D66");
        claim.addSupportingInfo().setSequence(2).setCode(new CodeableConcept(new Coding(GeneGateTerminology.CODE_SYSTEM,
                GeneGateTerminology.INFUSION_MINUTES, null))).setValue(new Quantity().setValue(98).setCode("min"));
        Claim.ItemComponent given = claim.getItemFirstRep();
        given.getProductOrService().getCodingFirstRep().setCode("J1412");
        given.setQuantity(new Quantity().setValue(210));
        // No Roctavian NDC is confirmed, so any NDC on the line is said not checked; this one stands for the carton's.
        given.getDetailFirstRep().getProductOrService().getCodingFirstRep().setCode("99999999999");
        given.getDetailFirstRep().setQuantity(new Quantity().setValue(210).setCode("ML"));
        Claim.ItemComponent discarded = claim.addItem().setSequence(3)
                .setProductOrService(new CodeableConcept(new Coding(GeneGateTerminology.HCPCS, "J1412", null)))
                .setQuantity(new Quantity().setValue(6)).setServiced(new DateType(serviceDay))
                .setLocation(new CodeableConcept(new Coding(GeneGateTerminology.POS, "22", null)));
        discarded.addModifier(new CodeableConcept(new Coding("http://www.ama-assn.org/go/cpt", "JW", null)));
        claim.addItem().setSequence(4)
                .setProductOrService(new CodeableConcept(new Coding(GeneGateTerminology.CPT, "96366", null)))
                .setQuantity(new Quantity().setValue(1)).setServiced(new DateType(serviceDay))
                .setLocation(new CodeableConcept(new Coding(GeneGateTerminology.POS, "22", null)));
        return claim;
    }

    private OperationOutcome check(Claim claim) {
        HttpResponse<String> response = fhirPost(PATH, fhirContext.newJsonParser().encodeResourceToString(claim));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return parse(OperationOutcome.class, response);
    }

    private static List<OperationOutcome.OperationOutcomeIssueComponent> problems(OperationOutcome outcome) {
        return outcome.getIssue().stream()
                .filter(i -> i.getSeverity() != OperationOutcome.IssueSeverity.INFORMATION).toList();
    }

    @Test
    void aCleanClaimForAnEligiblePatientHasNoProblemAndSaysWhatItCouldNotCheck() {
        OperationOutcome outcome = check(claim("eligible-patient"));

        assertThat(problems(outcome)).isEmpty();
        assertThat(outcome.getIssueFirstRep().getDetails().getText()).startsWith("No problem found");
        // The shipped product list gives no vial count for the kit: the kit size is said not checked, for the
        // patient's 14 vials (70 kg on record).
        assertThat(outcome.getIssue()).anySatisfy(issue ->
                assertThat(issue.getDetails().getText()).contains("kit size could not be checked", "14 vials"));
    }

    @Test
    void theClaimMayComeAsTheBodyOrAsTheResourceParameter() {
        Parameters parameters = new Parameters();
        parameters.addParameter().setName("resource").setResource(claim("eligible-patient"));
        HttpResponse<String> response = fhirPost(PATH, fhirContext.newJsonParser().encodeResourceToString(parameters));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(parse(OperationOutcome.class, response).getIssueFirstRep().getSeverity())
                .isEqualTo(OperationOutcome.IssueSeverity.INFORMATION);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "#1 NAb not documented or >= 1:678 | nab-high-patient | WARNING | Anti-AAV5 neutralizing antibodies",
        "#1 NAb not documented or >= 1:678 | nab-missing-patient | WARNING | Order Adeno-associated virus 5",
        "#2 pediatric attempted | pediatric-patient | ERROR | Age: Patient is 17 years old",
        "#3 no prophylaxis or bleed history | no-prophylaxis-or-bleeds-patient | WARNING | FIX prophylaxis or bleed history",
        "#4 hepatic monitoring plan missing | no-monitoring-plan-patient | WARNING | Create the post-infusion monitoring plan",
        "FIX inhibitor positive (Bethesda) | inhibitor-once-patient | ERROR | FIX inhibitor (Bethesda)",
        "active hepatitis B/C or uncontrolled HIV | hepatitis-b-patient | WARNING | Hepatitis B/C and HIV",
        "site of care not certified HTC | site-not-certified-patient | WARNING | Site of care",
        "one dose per lifetime | prior-hemgenix-patient | ERROR | Prior gene therapy"})
    void theRecordRowsOfTheDenialTableAreReadFromThePatientsRecord(String row, String patientId, String severity,
                                                                  String text) {
        List<OperationOutcome.OperationOutcomeIssueComponent> problems = problems(check(claim(patientId)));

        assertThat(problems).as(row).isNotEmpty().allSatisfy(issue ->
                assertThat(issue.getExpression().get(0).getValue()).isEqualTo("Claim.patient"));
        assertThat(problems).as(row).anySatisfy(issue -> {
            assertThat(issue.getSeverity().name()).isEqualTo(severity);
            assertThat(issue.getDetails().getText() + " " + issue.getDiagnostics()).contains(text);
            assertThat(issue.getDiagnostics()).startsWith("Fix: ");
        });
    }

    @Test
    void theBilledDoseItselfIsNotAPriorDose() {
        // Hemgenix was given on the (moved) order day and this claim bills that infusion.
        assertThat(problems(check(claim("post-infusion-on-track-patient")))).isEmpty();
    }

    @Test
    void denial5KitLotNdcAndVolume() {
        Claim claim = claim("eligible-patient");
        claim.getSupportingInfo().clear();
        claim.getItemFirstRep().getDetailFirstRep().getProductOrService().getCodingFirstRep().setCode("63833-0876-01");
        claim.getItemFirstRep().getDetailFirstRep().setQuantity(new Quantity().setValue(140).setCode("ML"));

        List<OperationOutcome.OperationOutcomeIssueComponent> problems = problems(check(claim));

        assertThat(problems).extracting(i -> i.getDetails().getText()).containsExactlyInAnyOrder(
                "The kit lot number is missing.",
                "NDC 63833-0876-01 is not a Hemgenix NDC (none of the Hemgenix product list's NDCs; 63833-0876-01, "
                        + "printed on some billing sheets, is not Hemgenix).",
                "The NDC unit is ML; this payer's policy wants UN.");
        assertThat(problems).allSatisfy(i -> assertThat(i.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR));
    }

    @Test
    void officePlaceOfServiceIsAWarningNotADenial() {
        Claim claim = claim("eligible-patient");
        claim.getItem().forEach(item -> item.setLocation(new CodeableConcept(new Coding(GeneGateTerminology.POS, "11",
                null))));

        List<OperationOutcome.OperationOutcomeIssueComponent> problems = problems(check(claim));

        assertThat(problems).hasSize(2).allSatisfy(issue -> {
            assertThat(issue.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.WARNING);
            assertThat(issue.getDetails().getText()).startsWith("Place of service 11 is not in this site's list");
            assertThat(issue.getDiagnostics()).contains("Texas Medicaid");
        });
    }

    @Test
    void wrongHcpcsAndWrongAdministrationCptAreFixedOnTheClaim() {
        Claim claim = claim("eligible-patient");
        claim.getItemFirstRep().getProductOrService().getCodingFirstRep().setCode("J3490");
        claim.getItem().get(1).getProductOrService().getCodingFirstRep().setCode("96413");

        List<OperationOutcome.OperationOutcomeIssueComponent> problems = problems(check(claim));

        assertThat(problems).extracting(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics)
                .anyMatch(d -> d.startsWith("Fix: Replace J3490 with J1411"))
                .anyMatch(d -> d.startsWith("Fix: Replace 96413 with 96365"));
        assertThat(problems).extracting(i -> i.getExpression().get(0).getValue())
                .contains("Claim.item[0].productOrService", "Claim.item[1].productOrService");
    }

    @Test
    void aJ1412ClaimIsCheckedUnderRoctaviansPolicy() {
        OperationOutcome outcome = check(roctavianClaim());

        assertThat(problems(outcome)).isEmpty();
        assertThat(outcome.getIssueFirstRep().getDetails().getText())
                .startsWith("No problem found: J1412 x the mL given with JW or JZ with a Roctavian NDC");
        assertThat(outcome.getIssue()).anySatisfy(note ->
                assertThat(note.getDetails().getText()).contains("99999999999 was not checked"));
    }

    @Test
    void j1412BilledAsVialsOrWithoutItsJwLineIsRefused() {
        Claim vials = roctavianClaim();
        vials.getItemFirstRep().setQuantity(new Quantity().setValue(27));
        vials.getItem().get(2).setQuantity(new Quantity().setValue(5));
        Claim noDiscardLine = roctavianClaim();
        noDiscardLine.getItem().remove(2);

        // The patient's 70 kg on record make 27 the vial count of a 210 mL dose.
        assertThat(problems(check(vials))).extracting(i -> i.getDetails().getText())
                .contains("J1412 is billed as 27 units, the vial count.");
        assertThat(problems(check(noDiscardLine))).singleElement().satisfies(issue -> {
            assertThat(issue.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
            assertThat(issue.getDetails().getText())
                    .isEqualTo("No JW line for the discarded 6 mL (27 vials of 8 mL for 210 mL given).");
        });
    }

    @Test
    void aPatientThisServerDoesNotHoldIsSaidNotPassed() {
        OperationOutcome outcome = check(claim("nobody-here"));

        assertThat(outcome.getIssue()).singleElement().satisfies(issue -> {
            assertThat(issue.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.WARNING);
            assertThat(issue.getDetails().getText()).contains("not on this server", "were not checked");
        });
    }

    @Test
    void aBodyThatIsNotAClaimIs400() {
        HttpResponse<String> response = fhirPost(PATH, "{\"resourceType\":\"Patient\"}");

        assertThat(response.statusCode()).isBetween(400, 422);
        assertThat(parse(OperationOutcome.class, response).getIssueFirstRep().getSeverity())
                .isEqualTo(OperationOutcome.IssueSeverity.ERROR);
    }
}
