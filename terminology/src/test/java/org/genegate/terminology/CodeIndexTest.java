package org.genegate.terminology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.NamingSystem;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CodeIndexTest {

    private static final CodeIndex INDEX = CodeIndex.load(FhirContext.forR4Cached());

    @ParameterizedTest
    @ValueSource(strings = {"https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets",
        "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets", "https://bluebutton.cms.gov/resources/codesystem/hcpcs",
        "http://terminology.hl7.org/CodeSystem/HCPCS", "urn:oid:2.16.840.1.113883.6.285"})
    void j1411MatchesUnderEveryHcpcsIdentifier(String system) {
        assertThat(INDEX.contains(GeneGateTerminology.VS_HEMGENIX_PRODUCT, system, "J1411")).isTrue();
        assertThat(INDEX.canonicalSystem(system)).isEqualTo(GeneGateTerminology.HCPCS);
        assertThat(INDEX.systemIdentifiers(GeneGateTerminology.HCPCS)).contains(system);
    }

    @Test
    void anUnknownSystemMatchesNothing() {
        assertThat(INDEX.contains(GeneGateTerminology.VS_HEMGENIX_PRODUCT, "http://example.org/hcpcs", "J1411"))
                .isFalse();
        assertThat(INDEX.canonicalSystem("http://example.org/hcpcs")).isEqualTo("http://example.org/hcpcs");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://hl7.org/fhir/sid/ndc|0053-0300-30", "urn:oid:2.16.840.1.113883.6.69|00053030030",
        "urn:oid:2.16.840.1.113883.6.69|0053030030", "http://www.nlm.nih.gov/research/umls/rxnorm|2626772",
        "https://www.nlm.nih.gov/research/umls/rxnorm|2626772", "urn:oid:2.16.840.1.113883.6.88|2626794"})
    void ndcAndRxnormMatchUnderEveryIdentifier(String systemAndCode) {
        String[] parts = systemAndCode.split("\\|");
        assertThat(INDEX.contains(GeneGateTerminology.VS_HEMGENIX_PRODUCT, parts[0], parts[1])).isTrue();
    }

    @Test
    void oneIdentifierClaimedByTwoCodeSystemsIsRefused() {
        NamingSystem a = namingSystem("a", "http://example.org/a", "1.2.3");
        NamingSystem b = namingSystem("b", "http://example.org/b", "1.2.3");
        assertThatThrownBy(() -> CodeIndex.of(List.of(a, b))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("urn:oid:1.2.3");
    }

    private static NamingSystem namingSystem(String name, String uri, String oid) {
        NamingSystem namingSystem = new NamingSystem().setName(name).setKind(NamingSystem.NamingSystemType.CODESYSTEM);
        namingSystem.addUniqueId().setType(NamingSystem.NamingSystemIdentifierType.URI).setValue(uri).setPreferred(true);
        namingSystem.addUniqueId().setType(NamingSystem.NamingSystemIdentifierType.OID).setValue(oid);
        return namingSystem;
    }

    @ParameterizedTest
    @ValueSource(strings = {"0053-0300-30", "00053-0300-30", "00053030030", "0053030030", "0053-0099-01"})
    void hemgenixNdcMatchesInEverySpelling(String ndc) {
        assertThat(INDEX.contains(GeneGateTerminology.VS_HEMGENIX_PRODUCT, GeneGateTerminology.NDC, ndc)).isTrue();
    }

    @Test
    void theBillingSheetsNdcIsNotHemgenix() {
        assertThat(INDEX.contains(GeneGateTerminology.VS_HEMGENIX_PRODUCT, GeneGateTerminology.NDC, "63833-0876-01"))
                .isFalse();
        assertThat(INDEX.contains(GeneGateTerminology.VS_HEMGENIX_PRODUCT, GeneGateTerminology.NDC, "63833087601"))
                .isFalse();
    }

    @Test
    void rxnormCodesMatchWithoutAnInventedDisplay() {
        assertThat(INDEX.contains(GeneGateTerminology.VS_HEMGENIX_PRODUCT, GeneGateTerminology.RXNORM, "2626772"))
                .isTrue();
        assertThat(INDEX.contains(GeneGateTerminology.VS_HEMGENIX_PRODUCT, GeneGateTerminology.RXNORM, "2626794"))
                .isTrue();
        assertThat(INDEX.display(GeneGateTerminology.RXNORM, "2626772")).isEmpty();
    }

    @Test
    void displaysFollowTheEvidence() {
        assertThat(INDEX.display(GeneGateTerminology.ICD10CM, "D67")).contains("Hereditary factor IX deficiency");
        assertThat(INDEX.display(GeneGateTerminology.HCPCS, "J7193"))
                .contains("Factor IX (antihemophilic factor, purified, non-recombinant) per IU");
        assertThat(INDEX.display("https://bluebutton.cms.gov/resources/codesystem/hcpcs", "J7193").orElseThrow())
                .doesNotContainIgnoringCase("ixinity");
        assertThat(INDEX.display(GeneGateTerminology.LOINC, "3185-6")).contains(
                "Coagulation factor IX inhibitor [Units/volume] in Platelet poor plasma by Coagulation assay");
        assertThat(INDEX.display(GeneGateTerminology.HCPCS, "J1411"))
                .contains("Injection, etranacogene dezaparvovec-drlb, per therapeutic dose");
        assertThat(INDEX.display(GeneGateTerminology.NDC, "00053030030")).contains("HEMGENIX kit");
        assertThat(INDEX.display(GeneGateTerminology.HCPCS, "J7202")).isEmpty();
        assertThat(INDEX.display(GeneGateTerminology.CODE_SYSTEM, GeneGateTerminology.AAV5_NAB_TITER)).contains(
                "Adeno-associated virus 5 neutralizing antibody [Titer] in Serum or Plasma by Transduction inhibition assay");
    }

    @Test
    void seedErrorsAreNotMembers() {
        assertThat(INDEX.contains(GeneGateTerminology.VS_HEMOPHILIA_B_DIAGNOSIS, GeneGateTerminology.ICD10CM, "D68.311"))
                .isFalse();
        assertThat(INDEX.contains(GeneGateTerminology.VS_BLEED_HISTORY, GeneGateTerminology.ICD10CM, "Z87.2")).isFalse();
        assertThat(INDEX.contains(GeneGateTerminology.VS_BLEED_HISTORY, GeneGateTerminology.ICD10CM, "M25.4")).isFalse();
    }

    @Test
    void unknownValueSetThrows() {
        assertThatThrownBy(() -> INDEX.contains(GeneGateTerminology.VALUE_SET_BASE + "hemgenix-prodcut",
                GeneGateTerminology.HCPCS, "J1411")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hemgenix-prodcut");
        assertThatThrownBy(() -> INDEX.codes("http://example.org/ValueSet/x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> INDEX.firstMatch(null, new CodeableConcept()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void firstMatchReturnsTheRecordsCodingAndIsNullSafe() {
        CodeableConcept concept = new CodeableConcept()
                .addCoding(new Coding(GeneGateTerminology.NDC, "63833-0876-01", null))
                .addCoding(null)
                .addCoding(new Coding(null, "J1411", null))
                .addCoding(new Coding("https://bluebutton.cms.gov/resources/codesystem/hcpcs", "J1411", null));

        assertThat(INDEX.firstMatch(GeneGateTerminology.VS_HEMGENIX_PRODUCT, concept))
                .get().extracting(Coding::getSystem).isEqualTo("https://bluebutton.cms.gov/resources/codesystem/hcpcs");
        assertThat(INDEX.firstMatch(GeneGateTerminology.VS_HEMGENIX_PRODUCT, null)).isEmpty();
        assertThat(INDEX.firstMatch(GeneGateTerminology.VS_HEMGENIX_PRODUCT, new CodeableConcept())).isEmpty();
        assertThat(INDEX.contains(GeneGateTerminology.VS_HEMGENIX_PRODUCT, (Coding) null)).isFalse();
        assertThat(INDEX.contains(GeneGateTerminology.VS_HEMGENIX_PRODUCT, null, "J1411")).isFalse();
        assertThat(INDEX.contains(GeneGateTerminology.VS_HEMGENIX_PRODUCT, GeneGateTerminology.HCPCS, null)).isFalse();
    }

    @Test
    void codesCarryDisplaysAndAreCopies() {
        List<Coding> codes = INDEX.codes(GeneGateTerminology.VS_LIVER_TESTS);

        assertThat(codes).extracting(Coding::getCode).containsExactly("1742-6", "1920-8", "6768-6", "1975-2");
        assertThat(codes).allSatisfy(c -> assertThat(c.getDisplay()).isNotBlank());
        codes.get(0).setCode("changed");
        assertThat(INDEX.codes(GeneGateTerminology.VS_LIVER_TESTS).get(0).getCode()).isEqualTo("1742-6");
        assertThat(INDEX.codes(GeneGateTerminology.VS_LIVER_IMAGING))
                .extracting(Coding::getDisplay).containsExactly("Liver ultrasound", "Liver elastography");
    }

    @Test
    void valueSetsThatNeedExpansionAreRejected() {
        ValueSet wholeSystem = new ValueSet().setUrl("http://example.org/ValueSet/all-loinc");
        wholeSystem.getCompose().addInclude().setSystem(GeneGateTerminology.LOINC);

        assertThatThrownBy(() -> CodeIndex.of(List.of(wholeSystem))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("all-loinc");
    }
}
