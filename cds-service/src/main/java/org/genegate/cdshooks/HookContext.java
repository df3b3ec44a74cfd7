package org.genegate.cdshooks;

import java.util.List;
import org.genegate.assessment.SentOrders;

/**
 * The parts of an order-select / order-sign / patient-view context GeneGate reads.
 *
 * @param draftOrders the draft orders as read (none for patient-view)
 * @param selections for order-select: references ({@code MedicationRequest/id}) of the orders the user selected;
 *                   empty for order-sign, where every draft order counts
 */
public record HookContext(String userId, String patientId, String encounterId, SentOrders draftOrders,
                          List<String> selections) {

    public HookContext {
        selections = List.copyOf(selections);
    }
}
