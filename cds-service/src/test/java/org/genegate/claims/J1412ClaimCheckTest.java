package org.genegate.claims;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.genegate.gates.Gates;
import org.genegate.policy.Policy;
import org.genegate.policy.PolicyLoader;
import org.genegate.terminology.CodeIndex;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The claim check under the shipped Roctavian policy: J1412 is billed per mL given, the rest of the last
 * single-dose vial (8 mL) on a JW line, or JZ when nothing is left; an unclassified code is a warning; the free
 * companion diagnostic is never billed. The vial size, mL/kg and all of this are the policy's data.
 */
class J1412ClaimCheckTest {

    private static final CodeIndex CODES = CodeIndex.load(FhirContext.forR4Cached());
    private static final Policy POLICY = PolicyLoader.loadResource("policy/j1412-policy.yaml", Gates.ALL);
    private static final Optional<BigDecimal> SEVENTY_KG = Optional.of(new BigDecimal("70"));

    private final ClaimCheck check = new ClaimCheck(POLICY, CODES);

    /** 70 kg: J1412 x 210 (3 mL/kg) and J1412-JW x 6 (27 vials of 8 mL hold 216 mL), 96365 + 96366 for 98 min. */
    static Claim cleanClaim() {
        Claim claim = new Claim();
        claim.setStatus(Claim.ClaimStatus.ACTIVE);
        claim.setType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/claim-type",
                "professional", null)));
        claim.setUse(Claim.Use.CLAIM);
        claim.setPatient(new Reference("Patient/roctavian-eligible-patient"));
        claim.getCreatedElement().setValueAsString("2026-11-20");
        claim.addDiagnosis().setSequence(1).setDiagnosis(new CodeableConcept(new Coding(GeneGateTerminology.ICD10CM,
                "D66", "Hereditary factor VIII deficiency")));
        claim.addSupportingInfo().setSequence(1).setCode(project(GeneGateTerminology.LOT_NUMBER))
                .setValue(new StringType("R123456"));
        claim.addSupportingInfo().setSequence(2).setCode(project(GeneGateTerminology.INFUSION_MINUTES))
                .setValue(new Quantity().setValue(98).setUnit("min").setSystem(GeneGateTerminology.UCUM).setCode("min"));
        Claim.ItemComponent given = line(claim, "J1412", 210);
        given.addDetail().setSequence(1)
                .setProductOrService(new CodeableConcept(new Coding(GeneGateTerminology.NDC, "99999999999", null)))
                .setQuantity(new Quantity().setValue(210).setCode("ML"));
        line(claim, "J1412", 6).addModifier(modifier("JW"));
        claim.addItem().setSequence(3)
                .setProductOrService(new CodeableConcept(new Coding(GeneGateTerminology.CPT, "96365", null)))
                .setQuantity(new Quantity().setValue(1)).setServiced(new DateType("2026-11-20")).setLocation(pos());
        claim.addItem().setSequence(4)
                .setProductOrService(new CodeableConcept(new Coding(GeneGateTerminology.CPT, "96366", null)))
                .setQuantity(new Quantity().setValue(1)).setServiced(new DateType("2026-11-20")).setLocation(pos());
        return claim;
    }

    private static Claim.ItemComponent line(Claim claim, String hcpcs, int units) {
        return claim.addItem().setSequence(claim.getItem().size() + 1)
                .setProductOrService(new CodeableConcept(new Coding(GeneGateTerminology.HCPCS, hcpcs, null)))
                .setQuantity(new Quantity().setValue(units)).setServiced(new DateType("2026-11-20")).setLocation(pos());
    }

    private static CodeableConcept modifier(String code) {
        return new CodeableConcept(new Coding("http://www.ama-assn.org/go/cpt", code, null));
    }

    private static CodeableConcept pos() {
        return new CodeableConcept(new Coding(GeneGateTerminology.POS, "22", null));
    }

    private static CodeableConcept project(String code) {
        return new CodeableConcept(new Coding(GeneGateTerminology.CODE_SYSTEM, code, null));
    }

    private static Claim.ItemComponent given(Claim claim) {
        return claim.getItem().get(0);
    }

    private static Claim withoutJwLine(Claim claim) {
        claim.getItem().remove(1);
        return claim;
    }

    private List<ClaimIssue> problems(Claim claim, Optional<BigDecimal> weightKg) {
        return check.check(claim, weightKg).stream().filter(i -> i.severity() != ClaimIssue.Severity.INFORMATION)
                .toList();
    }

    private ClaimIssue single(Claim claim, Optional<BigDecimal> weightKg) {
        List<ClaimIssue> problems = problems(claim, weightKg);
        assertThat(problems).as("%s", problems).hasSize(1);
        return problems.get(0);
    }

    @Test
    void theMlGivenWithAJwLineForTheRestOfTheLastVialIsClean() {
        assertThat(problems(cleanClaim(), SEVENTY_KG)).isEmpty();
        assertThat(problems(cleanClaim(), Optional.empty())).isEmpty();
        // No Roctavian NDC is confirmed, so the product list cannot judge the one billed: said, not passed.
        assertThat(check.check(cleanClaim(), SEVENTY_KG)).anySatisfy(note -> {
            assertThat(note.severity()).isEqualTo(ClaimIssue.Severity.INFORMATION);
            assertThat(note.problem()).contains("99999999999", "was not checked");
        });
    }

    @Test
    void oneUnitIsTheDoseHabitOfJ1411AndIsWrongWithOrWithoutAWeight() {
        Claim claim = withoutJwLine(cleanClaim());
        given(claim).setQuantity(new Quantity().setValue(1));

        // 1 mL given would leave 7 mL of one vial: the JW line is asked for too, so only the units issue is asserted.
        for (Optional<BigDecimal> weight : List.of(SEVENTY_KG, Optional.<BigDecimal>empty())) {
            assertThat(problems(claim, weight)).anySatisfy(issue -> {
                assertThat(issue.severity()).isEqualTo(ClaimIssue.Severity.ERROR);
                assertThat(issue.expression()).isEqualTo("Claim.item[0].quantity");
                assertThat(issue.problem()).isEqualTo("J1412 is billed as 1 unit.");
                assertThat(issue.fix()).contains("one unit is 1 mL");
            });
        }
    }

    @Test
    void theVialCountInPlaceOfTheMlIsAnError() {
        Claim claim = cleanClaim();
        given(claim).setQuantity(new Quantity().setValue(27));
        claim.getItem().get(1).setQuantity(new Quantity().setValue(5));   // 27 mL: 4 vials (32 mL), 5 left

        ClaimIssue issue = single(claim, SEVENTY_KG);

        assertThat(issue.severity()).isEqualTo(ClaimIssue.Severity.ERROR);
        assertThat(issue.problem()).isEqualTo("J1412 is billed as 27 units, the vial count.");
        assertThat(issue.fix()).contains("the dose for 70 kg is 210 mL");
    }

    @Test
    void unitsOutsideTheDoseToleranceOfTheWeightAreAWarning() {
        Claim claim = cleanClaim();
        given(claim).setQuantity(new Quantity().setValue(196));   // 24.5 vials: 25 vials = 200 mL, 4 left
        claim.getItem().get(1).setQuantity(new Quantity().setValue(4));

        ClaimIssue issue = single(claim, SEVENTY_KG);
        assertThat(issue.severity()).isEqualTo(ClaimIssue.Severity.WARNING);
        assertThat(issue.problem()).isEqualTo("J1412 is billed as 196 mL; the dose for 70 kg is 210 mL.");

        // 5 % of 210 mL is 10.5 mL: 200 mL is within it.
        given(claim).setQuantity(new Quantity().setValue(200));
        claim.getItem().remove(1);
        given(claim).addModifier(modifier("JZ"));
        assertThat(problems(claim, SEVENTY_KG)).isEmpty();
    }

    @Test
    void aMissingJwLineNamesTheDiscardedMl() {
        ClaimIssue issue = single(withoutJwLine(cleanClaim()), SEVENTY_KG);

        assertThat(issue.severity()).isEqualTo(ClaimIssue.Severity.ERROR);
        assertThat(issue.problem()).isEqualTo("No JW line for the discarded 6 mL (27 vials of 8 mL for 210 mL given).");
        assertThat(issue.fix()).isEqualTo("Add a line J1412 with modifier JW x 6 units.");
    }

    @Test
    void jwUnitsMustBeTheDiscardedMl() {
        Claim claim = cleanClaim();
        claim.getItem().get(1).setQuantity(new Quantity().setValue(8));

        ClaimIssue issue = single(claim, SEVENTY_KG);

        assertThat(issue.expression()).isEqualTo("Claim.item[1].quantity");
        assertThat(issue.problem()).contains("The JW line bills 8 units", "leave 6 mL");
    }

    @Test
    void wholeVialsNeedJzAndNoJwLine() {
        Claim claim = withoutJwLine(cleanClaim());
        given(claim).setQuantity(new Quantity().setValue(208));   // 26 vials of 8 mL exactly

        ClaimIssue missingJz = single(claim, Optional.empty());
        assertThat(missingJz.expression()).isEqualTo("Claim.item[0].modifier");
        assertThat(missingJz.problem()).contains("has no JZ modifier", "26 vials of 8 mL for 208 mL given");

        given(claim).addModifier(modifier("JZ"));
        assertThat(problems(claim, Optional.empty())).isEmpty();

        line(claim, "J1412", 0).addModifier(modifier("JW"));
        assertThat(single(claim, Optional.empty()).problem()).startsWith("A JW line bills a discarded amount");
    }

    @Test
    void jzWhenSomethingWasDiscardedIsAnError() {
        Claim claim = cleanClaim();
        given(claim).addModifier(modifier("JZ"));

        ClaimIssue issue = single(claim, SEVENTY_KG);

        assertThat(issue.problem()).isEqualTo("The J1412 line says JZ (nothing discarded), but 27 vials of 8 mL for "
                + "210 mL given leave 6 mL.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"J3590", "J3591"})
    void anUnclassifiedCodeInPlaceOfJ1412IsAWarning(String code) {
        Claim claim = cleanClaim();
        given(claim).getProductOrService().getCodingFirstRep().setCode(code);
        claim.getItem().get(1).getProductOrService().getCodingFirstRep().setCode(code);

        ClaimIssue issue = single(claim, SEVENTY_KG);

        assertThat(issue.severity()).isEqualTo(ClaimIssue.Severity.WARNING);
        assertThat(issue.problem()).isEqualTo("Roctavian is billed as " + code + ", an unclassified code.");
        assertThat(issue.fix()).startsWith("Replace " + code + " with J1412");
    }

    @Test
    void theFreeCompanionDiagnosticIsNotBilled() {
        Claim claim = cleanClaim();
        claim.addItem().setSequence(5).setProductOrService(new CodeableConcept().setText("AAV5 DetectCDx (ARUP 3000959)"))
                .setQuantity(new Quantity().setValue(1)).setLocation(pos());

        ClaimIssue issue = single(claim, SEVENTY_KG);

        assertThat(issue.severity()).isEqualTo(ClaimIssue.Severity.WARNING);
        assertThat(issue.expression()).isEqualTo("Claim.item[4]");
        assertThat(issue.problem()).contains("DetectCDx", "free of charge");
    }

    @Test
    void d66IsThePrimaryDiagnosis() {
        Claim claim = cleanClaim();
        claim.getDiagnosisFirstRep().getDiagnosisCodeableConcept().getCodingFirstRep().setCode("D67");

        ClaimIssue issue = single(claim, SEVENTY_KG);

        assertThat(issue.problem()).isEqualTo("The primary diagnosis is D67, not D66.");
        assertThat(issue.fix()).startsWith("Make D66");
    }
}
