package org.genegate.orders;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import java.util.Optional;
import org.genegate.gates.Gates;
import org.genegate.policy.PolicyLoader;
import org.genegate.policy.ProductSettings;
import org.genegate.terminology.CodeIndex;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProductRecognizerTest {

    private final ProductRecognizer recognizer = new ProductRecognizer(CodeIndex.load(FhirContext.forR4Cached()),
            PolicyLoader.loadDefault(Gates.ALL).product());

    private static MedicationRequest coded(Coding... codings) {
        CodeableConcept medication = new CodeableConcept();
        for (Coding coding : codings) {
            medication.addCoding(coding);
        }
        return new MedicationRequest().setMedication(medication);
    }

    private Optional<ProductRecognition> recognize(MedicationRequest request, Resource... drafts) {
        return recognizer.recognize(request, List.of(drafts));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets",
            "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets",
            "https://bluebutton.cms.gov/resources/codesystem/hcpcs", "http://terminology.hl7.org/CodeSystem/HCPCS",
            "urn:oid:2.16.840.1.113883.6.285", " http://terminology.hl7.org/CodeSystem/HCPCS "})
    void j1411IsRecognisedUnderEveryAcceptedHcpcsUri(String system) {
        assertThat(recognize(coded(new Coding(system, "J1411", null))))
                .contains(new ProductRecognition(ProductRecognition.By.HCPCS_BILLING_CODE, system, "J1411"));
    }

    @Test
    void lowerCaseJ1411IsStillJ1411() {
        assertThat(recognize(coded(new Coding(GeneGateTerminology.HCPCS, "j1411", null))))
                .hasValueSatisfying(r -> assertThat(r.by()).isEqualTo(ProductRecognition.By.HCPCS_BILLING_CODE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://hl7.org/fhir/sid/ndc|0053-0300-30", "urn:oid:2.16.840.1.113883.6.69|00053030030",
            "http://www.nlm.nih.gov/research/umls/rxnorm|2626772", "https://www.nlm.nih.gov/research/umls/rxnorm|2626772",
            "urn:oid:2.16.840.1.113883.6.88|2626794"})
    void ndcAndRxnormAreRecognisedUnderEveryIdentifier(String systemAndCode) {
        String[] parts = systemAndCode.split("\\|");
        assertThat(recognize(coded(new Coding(parts[0], parts[1], null)))).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"J1411", "j1411", " J1411 ", "0053-0300-30"})
    void aCodeWithoutSystemThatCanOnlyBeHemgenixIsRecognisedAndMarked(String code) {
        assertThat(recognize(coded(new Coding(null, code, null))))
                .hasValueSatisfying(r -> {
                    assertThat(r.systemMissing()).isTrue();
                    assertThat(r.code()).isEqualTo(code);
                });
        assertThat(recognize(coded(new Coding("", code, null)))).hasValueSatisfying(r ->
                assertThat(r.systemMissing()).isTrue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2626772", "00053030030", "J1412", "", "Hemgenix"})
    void aCodeWithoutSystemThatCouldBeAnythingIsNotGuessed(String code) {
        assertThat(recognize(coded(new Coding(null, code, null)))).isEmpty();
        assertThat(recognize(coded(new Coding().setCode(code).setDisplay("Hemgenix"))))
                .hasValueSatisfying(r -> assertThat(r.by()).isEqualTo(ProductRecognition.By.TEXT));
    }

    @Test
    void j1411UnderAnUnknownSystemIsNotRecognised() {
        assertThat(recognize(coded(new Coding("http://example.org/hcpcs", "J1411", null)))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0053-0300-30", "00053-0300-30", "00053030030", "0053030030", "0053-0099-01", "00053009901"})
    void hemgenixNdcsAreRecognisedWithOrWithoutHyphensIn10Or11Digits(String ndc) {
        assertThat(recognize(coded(new Coding(GeneGateTerminology.NDC, ndc, null))))
                .hasValueSatisfying(r -> {
                    assertThat(r.by()).isEqualTo(ProductRecognition.By.NDC);
                    assertThat(r.code()).isEqualTo(ndc);
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"63833-0876-01", "63833087601", "6383387601"})
    void theBillingSheetsNdcIsNotHemgenix(String ndc) {
        assertThat(recognize(coded(new Coding(GeneGateTerminology.NDC, ndc, null)))).isEmpty();
    }

    @Test
    void rxNormCodesOfTheValueSetAreRecognised() {
        assertThat(recognize(coded(new Coding(GeneGateTerminology.RXNORM, "2626772", null))))
                .hasValueSatisfying(r -> assertThat(r.by()).isEqualTo(ProductRecognition.By.RXNORM));
        assertThat(recognize(coded(new Coding(GeneGateTerminology.RXNORM, "2626794", null)))).isPresent();
        assertThat(recognize(coded(new Coding(GeneGateTerminology.RXNORM, "2626795", null)))).isEmpty();
    }

    @Test
    void textNamingHemgenixOrEtranacogeneIsRecognisedCaseInsensitively() {
        assertThat(recognize(new MedicationRequest().setMedication(new CodeableConcept().setText("HEMGENIX kit"))))
                .contains(new ProductRecognition(ProductRecognition.By.TEXT, null, "HEMGENIX kit"));
        assertThat(recognize(new MedicationRequest().setMedication(
                new CodeableConcept().setText("Etranacogene dezaparvovec-drlb")))).isPresent();
    }

    @Test
    void theTextNamesAreThePolicysNotFixedWords() {
        ProductRecognizer byOtherNames = new ProductRecognizer(CodeIndex.load(FhirContext.forR4Cached()),
                new ProductSettings("Hemgenix", "etranacogene dezaparvovec", "J1411",
                        "http://genegate.org/fhir/ValueSet/hemgenix-product",
                        List.of("EtranaCogene")));
        assertThat(byOtherNames.namesProduct("etranacogene dezaparvovec-drlb")).isTrue();
        assertThat(byOtherNames.namesProduct("Hemgenix kit")).isFalse();
    }

    @Test
    void aContainedMedicationIsRead() {
        MedicationRequest request = new MedicationRequest();
        Medication medication = new Medication();
        medication.setId("m1");
        medication.setCode(new CodeableConcept().setText("hemgenix"));
        request.addContained(medication);
        request.setMedication(new Reference("#m1"));

        assertThat(recognize(request)).isPresent();
    }

    @Test
    void aMedicationAmongTheDraftOrdersIsRead() {
        Medication medication = new Medication();
        medication.setId("med-1");
        medication.setCode(new CodeableConcept(new Coding(GeneGateTerminology.NDC, "0053-0300-30", null)));
        MedicationRequest request = new MedicationRequest().setMedication(new Reference("Medication/med-1"));

        assertThat(recognize(request, medication))
                .hasValueSatisfying(r -> assertThat(r.by()).isEqualTo(ProductRecognition.By.NDC));
        assertThat(recognize(request)).isEmpty();
    }

    @Test
    void anUnclassifiedHcpcsCountsOnlyWithAHemgenixNameNdcOrRxNorm() {
        assertThat(recognize(coded(new Coding(GeneGateTerminology.HCPCS, "J3490", null)))).isEmpty();

        MedicationRequest named = coded(new Coding(GeneGateTerminology.HCPCS, "J3490", null));
        named.getMedicationCodeableConcept().setText("Hemgenix");
        assertThat(recognize(named)).contains(new ProductRecognition(ProductRecognition.By.HCPCS_UNCLASSIFIED,
                GeneGateTerminology.HCPCS, "J3490"));

        assertThat(recognize(coded(new Coding("https://bluebutton.cms.gov/resources/codesystem/hcpcs", "C9399", null),
                new Coding(GeneGateTerminology.NDC, "00053030030", null))))
                .hasValueSatisfying(r -> assertThat(r.by()).isEqualTo(ProductRecognition.By.HCPCS_UNCLASSIFIED));
        assertThat(recognize(coded(new Coding("http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets", "J3590", null),
                new Coding(GeneGateTerminology.RXNORM, "2626772", null))))
                .hasValueSatisfying(r -> assertThat(r.code()).isEqualTo("J3590"));
    }

    @Test
    void otherDrugsAreNotHemgenix() {
        assertThat(recognize(coded(new Coding(GeneGateTerminology.HCPCS, "J7202", "Idelvion")))).isEmpty();
        assertThat(recognizer.recognize(null, List.of())).isEmpty();
    }
}
