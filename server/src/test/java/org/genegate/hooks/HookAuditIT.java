package org.genegate.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.genegate.profiles.ConformanceValidator;
import org.genegate.profiles.Scenario;
import org.genegate.profiles.Scenarios;
import org.genegate.server.AbstractServerIT;
import org.genegate.server.audit.AuditEventBatchWriter;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Hook decisions and feedback end up as AuditEvents in the server's own store, so a denial can be answered:
 * who signed which order for which patient and when, which gates failed, which cards went out, and why a
 * critical card was overridden. One search by card uuid returns both the decision and the feedback.
 */
class HookAuditIT extends AbstractServerIT {

    private static final String SIGN = "/cds-services/" + CdsServiceCatalog.ORDER_SIGN_ID;

    @Autowired
    private AuditEventBatchWriter auditWriter;

    private HookClient client;

    @BeforeEach
    void client() {
        client = new HookClient(port);
    }

    @Test
    void aDecisionAndItsOverrideAreFoundByTheCardUuid() {
        Scenario scenario = Scenarios.byId("pediatric");
        ObjectNode request = client.orderSign(scenario);
        String hookInstance = request.get("hookInstance").asText();
        JsonNode response = client.post(SIGN, request.toString()).json();
        JsonNode critical = response.get("cards").get(0);
        assertThat(critical.get("indicator").asText()).isEqualTo("critical");
        String card = critical.get("uuid").asText();

        String override = ", \"overrideReason\": {\"reason\": {\"system\": "
                + "\"http://genegate.org/fhir/CodeSystem/override-reason\", \"code\": \"reviewed-with-htc\", "
                + "\"display\": \"Reviewed with the HTC\"}, \"userComment\": \"Birth date re-checked with the patient\"}";
        HookClient.Response feedback = client.post(SIGN + "/feedback",
                CdsHooksSpecIT.feedback("overridden", override, card));
        assertThat(feedback.status()).as(feedback.body()).isEqualTo(200);
        assertThat(feedback.json().isObject()).isTrue();

        List<AuditEvent> events = auditEventsNaming(card);
        assertThat(events).hasSize(2);
        AuditEvent decision = ofType(events, "hook-decision");
        AuditEvent overridden = ofType(events, "hook-feedback");

        assertThat(decision.getAgentFirstRep().getName()).isEqualTo(scenario.userId());
        assertThat(decision.getAgentFirstRep().getRequestor()).isTrue();
        assertThat(decision.getSubtypeFirstRep().getCode()).isEqualTo("order-sign");
        assertThat(decision.getEntity()).anySatisfy(e ->
                assertThat(e.getName()).isEqualTo("Patient/" + scenario.patientId()));
        assertThat(auditEventsNaming("Patient/" + scenario.patientId())).extracting(e -> e.getIdElement().getIdPart())
                .contains(decision.getIdElement().getIdPart());
        assertThat(decision.getEntity()).anySatisfy(e -> assertThat(e.getName()).isEqualTo(hookInstance));
        AuditEvent.AuditEventEntityComponent order = decision.getEntity().stream()
                .filter(e -> ("MedicationRequest/" + scenario.id() + "-hemgenix-order").equals(e.getName()))
                .findFirst().orElseThrow();
        Map<String, String> details = details(order);
        assertThat(details).containsKey("draft-order").containsKey("gate age");
        assertThat(details.get("gate age")).startsWith("FAIL (critical)");
        assertThat(details.get("draft-order")).contains("J1411");
        // Kept exactly as sent (narrative included), not as read: what was signed.
        assertThat(HookClient.read(details.get("draft-order")))
                .isEqualTo(request.get("context").get("draftOrders").get("entry").get(0).get("resource"));
        assertThat(decision.getOutcomeDesc()).contains("age FAIL");

        Map<String, String> feedbackDetails = details(overridden.getEntityFirstRep());
        assertThat(feedbackDetails).containsEntry("outcome", "overridden")
                .containsEntry("user-comment", "Birth date re-checked with the patient");
        assertThat(feedbackDetails.get("override-reason")).contains("reviewed-with-htc");
        assertThat(overridden.getPeriod().getStart()).isNotNull();

        // The stored events are valid R4 AuditEvents (where the offline validator's packages are at hand).
        ConformanceValidator.offline(FhirContext.forR4Cached()).ifPresent(validator -> {
            assertThat(validator.errors(decision)).isEmpty();
            assertThat(validator.errors(overridden)).isEmpty();
        });
    }

    @Test
    void epicsOverrideReasonsListIsKeptInTheAuditEvent() {
        JsonNode critical = client.post(SIGN, client.orderSign(Scenarios.byId("nab-high")).toString()).json()
                .get("cards").get(0);
        String card = critical.get("uuid").asText();
        // Epic names the field overrideReasons (a list); the specification says overrideReason.
        String overrides = ", \"overrideReasons\": [{\"reason\": {\"system\": "
                + "\"http://genegate.org/fhir/CodeSystem/override-reason\", \"code\": \"reviewed-with-htc\"}, "
                + "\"userComment\": \"Titer repeated at the HTC\"}]";

        HookClient.Response feedback = client.post(SIGN + "/feedback",
                CdsHooksSpecIT.feedback("overridden", overrides, card));
        assertThat(feedback.status()).as(feedback.body()).isEqualTo(200);

        AuditEvent overridden = ofType(auditEventsNaming(card), "hook-feedback");
        Map<String, String> details = details(overridden.getEntityFirstRep());
        assertThat(details.get("override-reason")).contains("reviewed-with-htc");
        assertThat(details).containsEntry("user-comment", "Titer repeated at the HTC");
        assertThat(overridden.getOutcomeDesc()).contains("reviewed-with-htc", "Titer repeated at the HTC");
    }

    @Test
    void everyCardOfADecisionIsAnEntityAndAcceptedSuggestionsAreKept() {
        JsonNode response = client.post(SIGN, client.orderSign(Scenarios.byId("no-monitoring-plan")).toString())
                .json();
        JsonNode documentation = null;
        for (JsonNode card : response.get("cards")) {
            assertThat(auditEventsNaming(card.get("uuid").asText())).hasSize(1);
            if (card.has("suggestions")) {
                documentation = card;
            }
        }
        assertThat(documentation).isNotNull();
        String suggestion = documentation.at("/suggestions/0/uuid").asText();
        String accepted = ", \"acceptedSuggestions\": [{\"id\": \"" + suggestion + "\"}]";
        assertThat(client.post(SIGN + "/feedback", CdsHooksSpecIT.feedback("accepted", accepted,
                documentation.get("uuid").asText())).status()).isEqualTo(200);

        AuditEvent feedback = ofType(auditEventsNaming(documentation.get("uuid").asText()), "hook-feedback");
        assertThat(details(feedback.getEntityFirstRep())).containsEntry("outcome", "accepted")
                .containsEntry("accepted-suggestion", suggestion);
    }

    @Test
    void ordersForOtherDrugsAreNotAudited() {
        ObjectNode request = client.orderSign(Scenarios.byId("eligible"));
        ((ObjectNode) request.at("/context/draftOrders/entry/0/resource")).putObject("medicationCodeableConcept")
                .put("text", "Ibuprofen 400 mg tablet");
        ((ObjectNode) request.get("context")).put("patientId", "eligible-patient");
        // Only the ibuprofen order: the scenario's infusion ServiceRequest names Hemgenix and would earn a card.
        com.fasterxml.jackson.databind.node.ArrayNode entries =
                (com.fasterxml.jackson.databind.node.ArrayNode) request.at("/context/draftOrders/entry");
        while (entries.size() > 1) {
            entries.remove(1);
        }
        String hookInstance = request.get("hookInstance").asText();

        assertThat(client.post(SIGN, request.toString()).json().get("cards")).isEmpty();

        assertThat(auditEventsNaming(hookInstance)).isEmpty();
    }

    private List<AuditEvent> auditEventsNaming(String name) {
        assertThat(auditWriter.awaitWritten(Duration.ofSeconds(30))).isTrue();
        Bundle bundle = parse(Bundle.class, fhirGet("AuditEvent?entity-name:exact=" + name + "&_sort=-date&_count=500"));
        return bundle.getEntry().stream().map(e -> (AuditEvent) e.getResource()).toList();
    }

    private static AuditEvent ofType(List<AuditEvent> events, String type) {
        return events.stream().filter(e -> type.equals(e.getType().getCode())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " among " + events.size() + " events"));
    }

    private static Map<String, String> details(AuditEvent.AuditEventEntityComponent entity) {
        return entity.getDetail().stream().collect(Collectors.toMap(AuditEvent.AuditEventEntityDetailComponent::getType,
                d -> d.getValue().primitiveValue(), (a, b) -> a));
    }
}
