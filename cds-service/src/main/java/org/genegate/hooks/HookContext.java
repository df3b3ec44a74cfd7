package org.genegate.hooks;

import java.util.List;
import org.hl7.fhir.r4.model.Bundle;

/**
 * The parts of an order-select / order-sign context GeneGate reads.
 *
 * @param selections for order-select: references ({@code MedicationRequest/id}) of the orders the user selected;
 *                   empty for order-sign, where every draft order counts
 */
public record HookContext(String userId, String patientId, String encounterId, Bundle draftOrders,
                          List<String> selections) {

    public HookContext {
        selections = List.copyOf(selections);
    }
}
