package org.genegate.terminology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.NamingSystem;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;

class TerminologyResourcesTest {

    private static final FhirContext CTX = FhirContext.forR4Cached();

    @Test
    void everyIndexedFileParses() {
        List<Resource> resources = TerminologyResources.load(CTX);

        assertThat(resources).hasSize(TerminologyResources.fileNames().size());
        assertThat(resources).allSatisfy(r -> {
            assertThat(r.getIdElement().getIdPart()).matches("[A-Za-z0-9\\-.]{1,64}");
            assertThat(r).isInstanceOfAny(CodeSystem.class, ValueSet.class, NamingSystem.class);
        });
    }

    @Test
    void aMissingFileFailsNamingIt() {
        assertThatThrownBy(() -> TerminologyResources.load(CTX, "broken-missing/"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ValueSet-absent.json");
    }

    @Test
    void anUnparsableFileFailsNamingIt() {
        assertThatThrownBy(() -> TerminologyResources.load(CTX, "broken-unparsable/"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ValueSet-garbled.json");
    }

    @Test
    void everyValueSetConstantHasAResource() {
        Set<String> urls = TerminologyResources.load(CTX).stream()
                .filter(ValueSet.class::isInstance)
                .map(r -> ((ValueSet) r).getUrl())
                .collect(Collectors.toSet());

        assertThat(urls).containsExactlyInAnyOrderElementsOf(GeneGateTerminology.VALUE_SETS);
    }

    @Test
    void valueSetsAreActiveVersionedAndNamedByTheirId() {
        List<ValueSet> valueSets = TerminologyResources.load(CTX).stream()
                .filter(ValueSet.class::isInstance).map(ValueSet.class::cast).toList();

        assertThat(valueSets).allSatisfy(vs -> {
            assertThat(vs.getUrl()).isEqualTo(GeneGateTerminology.VALUE_SET_BASE + vs.getIdElement().getIdPart());
            assertThat(vs.getStatus()).isEqualTo(PublicationStatus.ACTIVE);
            assertThat(vs.getVersion()).isEqualTo(GeneGateTerminology.VERSION);
            assertThat(vs.getCompose().getInclude()).isNotEmpty()
                    .allSatisfy(include -> assertThat(include.getConcept()).isNotEmpty());
        });
    }

    @Test
    void codeSystemDefinesEveryProjectCode() {
        CodeSystem codeSystem = TerminologyResources.load(CTX).stream()
                .filter(CodeSystem.class::isInstance).map(CodeSystem.class::cast).findFirst().orElseThrow();

        assertThat(codeSystem.getUrl()).isEqualTo(GeneGateTerminology.CODE_SYSTEM);
        assertThat(codeSystem.getIdElement().getIdPart()).isEqualTo("genegate");
        assertThat(codeSystem.getCaseSensitive()).isTrue();
        assertThat(codeSystem.getContent()).isEqualTo(CodeSystem.CodeSystemContentMode.COMPLETE);
        assertThat(codeSystem.getVersion()).isEqualTo(GeneGateTerminology.VERSION);
        assertThat(codeSystem.getConcept()).allSatisfy(c -> {
            assertThat(c.getDisplay()).isNotBlank();
            assertThat(c.getDefinition()).isNotBlank();
        });
        assertThat(codeSystem.getConcept()).extracting(CodeSystem.ConceptDefinitionComponent::getCode)
                .containsExactlyInAnyOrder(GeneGateTerminology.AAV5_NAB_TITER, GeneGateTerminology.AAV5_TOTAL_ANTIBODY,
                        GeneGateTerminology.BLEED_LIFE_THREATENING,
                        GeneGateTerminology.BLEED_SERIOUS_SPONTANEOUS_REPEATED,
                        GeneGateTerminology.FIX_PROPHYLAXIS_CURRENT, GeneGateTerminology.LIVER_ULTRASOUND,
                        GeneGateTerminology.LIVER_ELASTOGRAPHY, GeneGateTerminology.LIVER_STIFFNESS,
                        GeneGateTerminology.HEPATOLOGY_CONSULT, GeneGateTerminology.GENE_THERAPY_MONITORING,
                        GeneGateTerminology.CERTIFIED_HTC, GeneGateTerminology.GENE_THERAPY_NETWORK_CENTER,
                        GeneGateTerminology.HOOK_DECISION, GeneGateTerminology.HOOK_FEEDBACK,
                        GeneGateTerminology.ANNUALIZED_BLEEDING_RATE, GeneGateTerminology.FIX_PRODUCT_USE,
                        GeneGateTerminology.LOT_NUMBER, GeneGateTerminology.INFUSION_MINUTES,
                        GeneGateTerminology.INFUSED_VOLUME);
        assertThat(codeSystem.getCount()).isEqualTo(codeSystem.getConcept().size());
    }
}
