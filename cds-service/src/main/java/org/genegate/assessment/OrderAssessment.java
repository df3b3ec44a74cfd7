package org.genegate.assessment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.genegate.gates.Assessment;
import org.genegate.orders.DraftOrder;

/**
 * One order of a gated product and what its policy's gates found.
 *
 * @param repairs  what the lenient reading repaired in the order as sent; empty when it was read exactly
 * @param sentJson the order's JSON as the client sent it, or null (see {@link SentOrder#json()})
 */
public record OrderAssessment(DraftOrder order, Assessment assessment, List<String> repairs, JsonNode sentJson) {

    public OrderAssessment {
        repairs = List.copyOf(repairs);
    }
}
