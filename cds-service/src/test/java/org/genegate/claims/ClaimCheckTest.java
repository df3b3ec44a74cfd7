package org.genegate.claims;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.genegate.gates.Gates;
import org.genegate.policy.Policy;
import org.genegate.policy.PolicyLoader;
import org.genegate.terminology.CodeIndex;
import org.genegate.terminology.GeneGateTerminology;
import org.genegate.terminology.Ndc;
import org.genegate.terminology.TestTerminology;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The claim half of the check, against the billing rows of the billing sheet's "top denials" table (#5 kit
 * lot / NDC / volume, wrong administration CPT, wrong HCPCS) and the sheet's coding errors docs/evidence.md lists.
 * The record rows (NAb, pediatric, prophylaxis, monitoring plan, inhibitor, hepatitis, site) are read from the
 * patient's record and tested over HTTP in ClaimCheckIT.
 */
class ClaimCheckTest {

    private static final CodeIndex CODES = CodeIndex.load(FhirContext.forR4Cached());
    private static final Policy POLICY = PolicyLoader.loadDefault(Gates.ALL);

    private final ClaimCheck check = new ClaimCheck(POLICY, CODES);

    /** A clean professional J1411 claim: J1411 x 1 with NDC N400053030030 UN 1, lot, 96365, POS 22, D67 first. */
    static Claim cleanClaim() {
        Claim claim = new Claim();
        claim.setStatus(Claim.ClaimStatus.ACTIVE);
        claim.setType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/claim-type",
                "professional", null)));
        claim.setUse(Claim.Use.CLAIM);
        claim.setPatient(new Reference("Patient/eligible-patient"));
        claim.getCreatedElement().setValueAsString("2026-11-20");
        claim.addDiagnosis().setSequence(1).setDiagnosis(new CodeableConcept(new Coding(GeneGateTerminology.ICD10CM,
                "D67", "Hereditary factor IX deficiency")));
        claim.addSupportingInfo().setSequence(1).setCategory(info()).setCode(project(GeneGateTerminology.LOT_NUMBER))
                .setValue(new StringType("A123456"));
        claim.addSupportingInfo().setSequence(2).setCategory(info())
                .setCode(project(GeneGateTerminology.INFUSION_MINUTES))
                .setValue(new Quantity().setValue(17).setUnit("min").setSystem(GeneGateTerminology.UCUM).setCode("min"));
        Claim.ItemComponent drug = claim.addItem().setSequence(1)
                .setProductOrService(new CodeableConcept(new Coding(GeneGateTerminology.HCPCS, "J1411", null)))
                .setQuantity(new Quantity().setValue(1))
                .setServiced(new DateType("2026-11-20"))
                .setLocation(pos("22"));
        drug.addDetail().setSequence(1)
                .setProductOrService(new CodeableConcept(new Coding(GeneGateTerminology.NDC, "00053030030", null)))
                .setQuantity(new Quantity().setValue(1).setCode("UN").setUnit("UN"));
        claim.addItem().setSequence(2)
                .setProductOrService(new CodeableConcept(new Coding(GeneGateTerminology.CPT, "96365", null)))
                .setQuantity(new Quantity().setValue(1))
                .setServiced(new DateType("2026-11-20"))
                .setLocation(pos("22"));
        return claim;
    }

    static CodeableConcept pos(String code) {
        return new CodeableConcept(new Coding(GeneGateTerminology.POS, code, null));
    }

    private static CodeableConcept info() {
        return new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/claiminformationcategory",
                "info", null));
    }

    private static CodeableConcept project(String code) {
        return new CodeableConcept(new Coding(GeneGateTerminology.CODE_SYSTEM, code, null));
    }

    private static Claim.DetailComponent ndc(Claim claim) {
        return claim.getItemFirstRep().getDetailFirstRep();
    }

    private static Claim.ItemComponent admin(Claim claim) {
        return claim.getItem().get(1);
    }

    /** The problems (errors and warnings); information notes are not problems. */
    private List<ClaimIssue> issues(Claim claim) {
        return problems(check.check(claim));
    }

    private static List<ClaimIssue> problems(List<ClaimIssue> issues) {
        return issues.stream().filter(i -> i.severity() != ClaimIssue.Severity.INFORMATION).toList();
    }

    private ClaimIssue single(Claim claim) {
        List<ClaimIssue> issues = issues(claim);
        assertThat(issues).as("%s", issues).hasSize(1);
        return issues.get(0);
    }

    @Test
    void aCleanClaimHasNoProblemAndTheOutcomeIsOneInformationIssue() {
        assertThat(issues(cleanClaim())).isEmpty();

        OperationOutcome outcome = ClaimOutcome.of(List.of(), POLICY);
        assertThat(outcome.getIssue()).singleElement().satisfies(issue ->
                assertThat(issue.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.INFORMATION));
    }

    @ParameterizedTest
    @ValueSource(strings = {"J3490", "J3590", "C9399"})
    void wrongHcpcsDenialTheUnclassifiedCodeIsReplacedByJ1411(String code) {
        Claim claim = cleanClaim();
        claim.getItemFirstRep().setProductOrService(new CodeableConcept(new Coding(GeneGateTerminology.HCPCS, code, null)));

        ClaimIssue issue = single(claim);
        assertThat(issue.severity()).isEqualTo(ClaimIssue.Severity.ERROR);
        assertThat(issue.expression()).isEqualTo("Claim.item[0].productOrService");
        assertThat(issue.fix()).startsWith("Replace " + code + " with J1411");
    }

    @ParameterizedTest
    @ValueSource(strings = {"96413", "96374", "79101"})
    void wrongAdministrationCptDenialIsReplacedBy96365(String code) {
        Claim claim = cleanClaim();
        admin(claim).setProductOrService(new CodeableConcept(new Coding(GeneGateTerminology.CPT, code, null)));

        List<ClaimIssue> issues = issues(claim);
        assertThat(issues).extracting(ClaimIssue::fix).anyMatch(f -> f.startsWith("Replace " + code + " with 96365"));
        // With the wrong code in its place, 96365 itself is missing too.
        assertThat(issues).extracting(ClaimIssue::problem).contains("No administration line: CPT 96365 is missing.");
    }

    @Test
    void j1411IsOneUnit() {
        Claim claim = cleanClaim();
        claim.getItemFirstRep().setQuantity(new Quantity().setValue(14));

        ClaimIssue issue = single(claim);
        assertThat(issue.expression()).isEqualTo("Claim.item[0].quantity");
        assertThat(issue.fix()).startsWith("Bill J1411 x 1 unit");
    }

    @Test
    void denial5AMissingLotIsNamed() {
        Claim claim = cleanClaim();
        claim.getSupportingInfo().remove(0);

        ClaimIssue issue = single(claim);
        assertThat(issue.problem()).isEqualTo("The kit lot number is missing.");
        assertThat(issue.fix()).contains(GeneGateTerminology.LOT_NUMBER);
    }

    @Test
    void denial5AMissingNdcIsNamed() {
        Claim claim = cleanClaim();
        claim.getItemFirstRep().getDetail().clear();

        ClaimIssue issue = single(claim);
        assertThat(issue.problem()).isEqualTo("The Hemgenix line has no NDC.");
        assertThat(issue.fix()).contains("N400053030030", "UN 1");
    }

    @Test
    void denial5TheSheetsNdcIsNotHemgenix() {
        Claim claim = cleanClaim();
        ndc(claim).getProductOrService().getCodingFirstRep().setCode("63833-0876-01");

        ClaimIssue issue = single(claim);
        assertThat(issue.severity()).isEqualTo(ClaimIssue.Severity.ERROR);
        assertThat(issue.problem()).contains("63833-0876-01 is not a Hemgenix NDC");
        assertThat(issue.fix()).contains("N400053030030");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0053-0300-30", "00053-0300-30"})
    void denial5TheNdcGoesAsElevenDigitsWithoutHyphens(String written) {
        Claim claim = cleanClaim();
        ndc(claim).getProductOrService().getCodingFirstRep().setCode(written);

        ClaimIssue issue = single(claim);
        assertThat(issue.fix()).startsWith("Send 00053030030 (N400053030030");
    }

    @Test
    void denial5TheNdcUnitFollowsThePayerAndTheKitIsOneUnit() {
        Claim ml = cleanClaim();
        ndc(ml).setQuantity(new Quantity().setValue(140).setCode("ML"));
        assertThat(single(ml).problem()).isEqualTo("The NDC unit is ML; this payer's policy wants UN.");

        Claim noUnit = cleanClaim();
        ndc(noUnit).setQuantity(new Quantity().setValue(1));
        assertThat(single(noUnit).problem()).isEqualTo("The NDC quantity has no unit qualifier.");

        Claim twoKits = cleanClaim();
        ndc(twoKits).getQuantity().setValue(2);
        assertThat(single(twoKits).fix()).isEqualTo("One kit: UN 1.");
    }

    @Test
    void denial5APayerThatWantsMillilitresNeedsTheVolume() throws IOException {
        Policy millilitres = PolicyLoader.load(new ByteArrayInputStream(shippedPolicy()
                .replace("ndcUnit: \"UN\"", "ndcUnit: \"ML\"").getBytes(StandardCharsets.UTF_8)), "site-policy.yaml", Gates.ALL);
        ClaimCheck mlCheck = new ClaimCheck(millilitres, CODES);
        Claim claim = cleanClaim();
        ndc(claim).setQuantity(new Quantity().setCode("ML"));

        assertThat(problems(mlCheck.check(claim))).singleElement().satisfies(issue ->
                assertThat(issue.problem()).isEqualTo("The NDC quantity in ML has no volume."));
        ndc(claim).getQuantity().setValue(new BigDecimal("140"));
        assertThat(problems(mlCheck.check(claim))).isEmpty();
    }

    private static String shippedPolicy() throws IOException {
        try (InputStream in = PolicyLoader.class.getClassLoader().getResourceAsStream(PolicyLoader.DEFAULT_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void code96366OnlyPastNinetyMinutes() {
        Claim shortInfusion = cleanClaim();
        shortInfusion.addItem().setSequence(3).setLocation(pos("22")).setQuantity(new Quantity().setValue(1))
                .setProductOrService(new CodeableConcept(new Coding(GeneGateTerminology.CPT, "96366", null)));
        ClaimIssue remove = single(shortInfusion);
        assertThat(remove.fix()).startsWith("Remove 96366");

        Claim ninety = cleanClaim();
        ninety.getSupportingInfo().get(1).setValue(new Quantity().setValue(90).setCode("min"));
        ninety.addItem().setSequence(3).setLocation(pos("22")).setQuantity(new Quantity().setValue(1))
                .setProductOrService(new CodeableConcept(new Coding(GeneGateTerminology.CPT, "96366", null)));
        assertThat(single(ninety).fix()).startsWith("Remove 96366");

        ninety.getSupportingInfo().get(1).setValue(new Quantity().setValue(91).setCode("min"));
        assertThat(issues(ninety)).isEmpty();

        ninety.getItem().get(2).getQuantity().setValue(2);
        assertThat(single(ninety).fix()).isEqualTo("Bill 96366 x 1: each additional hour needs more than 30 minutes "
                + "beyond the hour before.");
        ninety.getSupportingInfo().get(1).setValue(new Quantity().setValue(151).setCode("min"));
        assertThat(issues(ninety)).isEmpty();

        Claim unbilled = cleanClaim();
        unbilled.getSupportingInfo().get(1).setValue(new Quantity().setValue(100).setCode("min"));
        assertThat(single(unbilled).severity()).isEqualTo(ClaimIssue.Severity.WARNING);

        Claim undocumented = cleanClaim();
        undocumented.getSupportingInfo().remove(1);
        undocumented.addItem().setSequence(3).setLocation(pos("22")).setQuantity(new Quantity().setValue(1))
                .setProductOrService(new CodeableConcept(new Coding(GeneGateTerminology.CPT, "96366", null)));
        assertThat(single(undocumented).problem()).contains("does not give the infusion time");
    }

    @Test
    void placeOfServiceOutsideTheSitesListIsAWarningAndRequiredOnProfessionalClaims() {
        Claim office = cleanClaim();
        office.getItemFirstRep().setLocation(pos("11"));
        ClaimIssue officeIssue = single(office);
        assertThat(officeIssue.severity()).isEqualTo(ClaimIssue.Severity.WARNING);
        assertThat(officeIssue.problem()).startsWith("Place of service 11 is not in this site's list");
        assertThat(officeIssue.fix()).contains("Texas Medicaid");
        assertThat(ClaimOutcome.of(issues(office), POLICY).getIssue()).noneMatch(i ->
                i.getSeverity() == OperationOutcome.IssueSeverity.ERROR);

        Claim missing = cleanClaim();
        missing.getItem().get(1).setLocation(null);
        assertThat(single(missing).expression()).isEqualTo("Claim.item[1].locationCodeableConcept");

        Claim institutional = cleanClaim();
        institutional.getType().getCodingFirstRep().setCode("institutional");
        institutional.getItem().forEach(item -> item.setLocation(null));
        assertThat(issues(institutional)).isEmpty();
    }

    @Test
    void d67IsThePrimaryDiagnosisAndD68311IsNoInhibitorCode() {
        Claim notFirst = cleanClaim();
        notFirst.getDiagnosisFirstRep().setSequence(2);
        notFirst.addDiagnosis().setSequence(1).setDiagnosis(new CodeableConcept(new Coding(GeneGateTerminology.ICD10CM,
                "Z79.899", null)));
        assertThat(single(notFirst).fix()).startsWith("Make D67");

        Claim inhibitor = cleanClaim();
        inhibitor.addDiagnosis().setSequence(2).setDiagnosis(new CodeableConcept(new Coding(GeneGateTerminology.ICD10CM,
                "D68311", "FIX inhibitor")));
        ClaimIssue issue = single(inhibitor);
        assertThat(issue.problem()).startsWith("D68.311 is acquired hemophilia");
        assertThat(issue.fix()).startsWith("Remove D68.311");

        Claim sheetCodes = cleanClaim();
        sheetCodes.addDiagnosis().setSequence(2).setDiagnosis(new CodeableConcept(new Coding(GeneGateTerminology.ICD10CM,
                "Z87.2", null)));
        sheetCodes.addDiagnosis().setSequence(3).setDiagnosis(new CodeableConcept(new Coding(GeneGateTerminology.ICD10CM,
                "M25.461", null)));
        assertThat(issues(sheetCodes)).extracting(ClaimIssue::severity).containsOnly(ClaimIssue.Severity.WARNING)
                .hasSize(2);
    }

    @Test
    void aClaimWithoutHemgenixOrTypeSaysSo() {
        Claim claim = cleanClaim();
        claim.getItem().remove(0);
        claim.getType().getCodingFirstRep().setCode("pharmacy");

        assertThat(issues(claim)).extracting(ClaimIssue::expression).contains("Claim.type", "Claim.item");
    }

    // Kit NDCs: any kit of the product list is Hemgenix, and the kit should hold the vials the dose needs.

    /** Test kit NDCs of the Hemgenix labeler, added to the product list as a site adds them (not real NDCs). */
    private static final String KIT_14 = "0053-0300-14";

    private static Claim withKit(String ndc) {
        Claim claim = cleanClaim();
        ndc(claim).getProductOrService().getCodingFirstRep().setCode(Ndc.claimFormat(ndc));
        return claim;
    }

    @Test
    void everyKitOfTheProductListIsHemgenixNotOnlyTheFirst() {
        CodeIndex codes = TestTerminology.withKits(Map.of(KIT_14, 14));
        ClaimCheck withList = new ClaimCheck(POLICY, codes);

        assertThat(withList.check(withKit(KIT_14))).isEmpty();
        // The shipped list without that kit: the labeler is Hemgenix's, so the list may be short: a warning.
        ClaimIssue unknownKit = single(withKit(KIT_14));
        assertThat(unknownKit.severity()).isEqualTo(ClaimIssue.Severity.WARNING);
        assertThat(unknownKit.problem()).contains("not in the Hemgenix product list");
    }

    @Test
    void theKitMatchesTheVialsTheDoseNeeds() {
        CodeIndex codes = TestTerminology.withKits(Map.of(KIT_14, 14));
        ClaimCheck withList = new ClaimCheck(POLICY, codes);

        // 70 kg: 140 mL, 14 vials; 70.5 kg: 141 mL, 15 vials.
        assertThat(withList.check(withKit(KIT_14), Optional.of(new BigDecimal("70")))).isEmpty();
        ClaimIssue mismatch = withList.check(withKit(KIT_14), Optional.of(new BigDecimal("70.5")))
                .get(0);
        assertThat(mismatch.severity()).isEqualTo(ClaimIssue.Severity.WARNING);
        assertThat(mismatch.problem()).contains("14-vial kit", "needs 15 vials");
    }

    @Test
    void aKitWithoutAVialCountInTheListIsSaidNotChecked() {
        ClaimIssue note = check.check(cleanClaim(), Optional.of(new BigDecimal("70"))).get(0);

        assertThat(note.severity()).isEqualTo(ClaimIssue.Severity.INFORMATION);
        assertThat(note.problem()).contains("could not be checked", "no vial count", "14 vials");
        OperationOutcome outcome = ClaimOutcome.of(List.of(note), POLICY);
        assertThat(outcome.getIssueFirstRep().getDetails().getText()).startsWith("No problem found");
        assertThat(outcome.getIssue()).hasSize(2);
    }

    @Test
    void code96366FollowsTheDocumentedStartAndStopTimes() {
        Claim claim = cleanClaim();
        claim.getSupportingInfo().get(1).setValue(null).setTiming(new Period()
                .setStartElement(new DateTimeType("2026-11-20T09:00:00Z"))
                .setEndElement(new DateTimeType("2026-11-20T10:30:00Z")));
        claim.addItem().setSequence(3).setLocation(pos("22")).setQuantity(new Quantity().setValue(1))
                .setProductOrService(new CodeableConcept(new Coding(GeneGateTerminology.CPT, "96366", null)));
        assertThat(single(claim).fix()).startsWith("Remove 96366");

        ((Period) claim.getSupportingInfo().get(1).getTiming())
                .setEndElement(new DateTimeType("2026-11-20T10:31:00Z"));
        assertThat(issues(claim)).isEmpty();
    }
}
