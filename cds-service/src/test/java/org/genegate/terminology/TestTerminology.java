package org.genegate.terminology;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * The shipped terminology with kit NDCs added to the Hemgenix product value set, as a site (or the next release)
 * adds them: the code must follow value-set membership, not the NDCs it happens to ship today.
 */
public final class TestTerminology {

    private TestTerminology() {
    }

    /**
     * @param kits kit NDC → vial count (null: the list gives no vial count for that kit)
     */
    public static CodeIndex withKits(Map<String, Integer> kits) {
        List<Resource> resources = TerminologyResources.load(FhirContext.forR4Cached());
        for (Resource resource : resources) {
            if (resource instanceof ValueSet valueSet
                    && GeneGateTerminology.VS_HEMGENIX_PRODUCT.equals(valueSet.getUrl())) {
                ValueSet.ConceptSetComponent ndcs = valueSet.getCompose().getInclude().stream()
                        .filter(i -> GeneGateTerminology.NDC.equals(i.getSystem())).findFirst().orElseThrow();
                kits.forEach((ndc, vials) -> {
                    ValueSet.ConceptReferenceComponent concept = ndcs.addConcept().setCode(ndc)
                            .setDisplay("HEMGENIX kit" + (vials == null ? "" : ", " + vials + " vials"));
                    if (vials != null) {
                        concept.addExtension(GeneGateTerminology.KIT_VIAL_COUNT_EXTENSION, new IntegerType(vials));
                    }
                });
            }
        }
        return CodeIndex.of(resources);
    }
}
