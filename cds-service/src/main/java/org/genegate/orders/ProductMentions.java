package org.genegate.orders;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.FhirTerser;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;

/**
 * Whether anything in a resource names a product: any CodeableConcept its recogniser accepts (a product code
 * under any of its systems, or text naming it), or any string (a note, a display, a dosage text). It finds
 * product orders that are not MedicationRequests coded as the product, so they are answered rather than passed.
 */
public final class ProductMentions {

    private static final int MAX_QUOTE = 60;

    private final FhirTerser terser;
    private final ProductRecognizer recognizer;

    public ProductMentions(FhirContext fhirContext, ProductRecognizer recognizer) {
        this.terser = fhirContext.newTerser();
        this.recognizer = recognizer;
    }

    /** How the resource names the product (e.g. "coded J1411", "text 'Hemgenix infusion'"), or empty. */
    public Optional<String> find(Resource resource) {
        if (resource == null) {
            return Optional.empty();
        }
        for (CodeableConcept concept : terser.getAllPopulatedChildElementsOfType(resource, CodeableConcept.class)) {
            Optional<ProductRecognition> recognition = recognizer.recognizeConcept(concept);
            if (recognition.isPresent() && recognition.get().by() != ProductRecognition.By.TEXT) {
                return Optional.of("coded " + recognition.get().code());
            }
        }
        // References and identifiers are names of records (e.g. "MedicationRequest/hemgenix-order"), not text.
        Set<StringType> names = Collections.newSetFromMap(new IdentityHashMap<>());
        terser.getAllPopulatedChildElementsOfType(resource, Reference.class)
                .forEach(r -> names.add(r.getReferenceElement_()));
        terser.getAllPopulatedChildElementsOfType(resource, Identifier.class)
                .forEach(i -> names.add(i.getValueElement()));
        for (StringType text : terser.getAllPopulatedChildElementsOfType(resource, StringType.class)) {
            if (!names.contains(text) && recognizer.namesProduct(text.getValue())) {
                return Optional.of("text '" + quote(text.getValue()) + "'");
            }
        }
        return Optional.empty();
    }

    private static String quote(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= MAX_QUOTE ? oneLine : oneLine.substring(0, MAX_QUOTE) + "...";
    }
}
