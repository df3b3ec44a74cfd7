package org.genegate.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.genegate.cdshooks.Card;
import org.genegate.findings.GateFinding;
import org.hl7.fhir.r4.model.MedicationRequest;

/**
 * One hook call GeneGate answered for Hemgenix orders, as the audit keeps it.
 *
 * @param fhirServer    where the record was read from, or null for this server's own store
 * @param orders        each Hemgenix draft order with the findings of its gates
 * @param cardsSent     the cards in the response
 * @param cardsWithheld cards composed but held back by the client's {@code davinci-crd.configuration}
 * @param systemActions how many system actions went out
 */
public record HookDecision(String serviceId, String hook, String hookInstance, String fhirServer, String patientId,
                           String userId, List<OrderDecision> orders, List<Card> cardsSent, List<Card> cardsWithheld,
                           int systemActions) {

    public HookDecision {
        orders = List.copyOf(orders);
        cardsSent = List.copyOf(cardsSent);
        cardsWithheld = List.copyOf(cardsWithheld);
    }

    /**
     * A draft order and what each gate found.
     *
     * @param sentJson the order's JSON as the client sent it; null when there is none (then the order is encoded)
     */
    public record OrderDecision(MedicationRequest order, JsonNode sentJson, List<GateFinding> findings) {

        public OrderDecision {
            findings = List.copyOf(findings);
        }
    }
}
