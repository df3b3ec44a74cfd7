package org.genegate.assessment;

import org.genegate.clinical.References;
import org.hl7.fhir.r4.model.Resource;

/** How an order is named to the user on a card. */
public final class OrderNames {

    private OrderNames() {
    }

    /** "MedicationRequest/id", or the type alone for an order without an id. */
    public static String describe(Resource resource) {
        String reference = References.of(resource);
        return reference != null ? reference : "a draft " + resource.fhirType();
    }
}
