package org.genegate.assessment;

import java.util.Set;
import org.genegate.fetch.RecordRequest;

/**
 * What the order assessment needs, whichever entry point asks: whose record and where from, and the orders.
 *
 * @param selections references ({@code MedicationRequest/id}) of the orders to judge, as order-select's
 *                   {@code context.selections}; null when every order is judged. Unselected orders still count as
 *                   companions of the judged ones.
 */
public record AssessmentRequest(RecordRequest record, SentOrders orders, Set<String> selections) {

    public AssessmentRequest {
        selections = selections == null ? null : Set.copyOf(selections);
    }

    /** Every order judged. */
    public static AssessmentRequest allOrders(RecordRequest record, SentOrders orders) {
        return new AssessmentRequest(record, orders, null);
    }
}
