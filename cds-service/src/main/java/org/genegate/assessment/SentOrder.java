package org.genegate.assessment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.hl7.fhir.r4.model.Resource;

/**
 * A draft order as the client sent it.
 *
 * @param repairs where it was not exact FHIR and what the lenient reading did about it; empty when it was read
 *                exactly. A repaired order is judged, but never handed back to the client as it was read.
 * @param json    the order's JSON exactly as the client sent it, kept for the audit trail (written out as text only
 *                for an order that is audited); null when the order did not come as JSON of its own (a FHIR
 *                operation's already parsed resources)
 */
public record SentOrder(Resource resource, List<String> repairs, JsonNode json) {

    public SentOrder {
        repairs = List.copyOf(repairs);
    }

    public static SentOrder exact(Resource resource) {
        return new SentOrder(resource, List.of(), null);
    }
}
