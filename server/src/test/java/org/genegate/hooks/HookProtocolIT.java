package org.genegate.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.genegate.profiles.Scenario;
import org.genegate.profiles.Scenarios;
import org.genegate.server.AbstractServerIT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The CDS Hooks contract around the gates: discovery, errors, non-J1411 orders, prefetch rules, faults. */
class HookProtocolIT extends AbstractServerIT {

    private static final String SIGN = "/cds-services/" + CdsServiceCatalog.ORDER_SIGN_ID;

    private HookClient client;

    @BeforeEach
    void client() {
        client = new HookClient(port);
    }

    @Test
    void discoveryListsOrderSelectOrderSignAndPatientViewWithPrefetch() {
        HookClient.Response response = client.get("/cds-services");

        assertThat(response.status()).isEqualTo(200);
        JsonNode services = response.json().get("services");
        assertThat(services).hasSize(3);
        for (JsonNode service : services) {
            assertThat(service.get("hook").asText()).isIn("order-select", "order-sign", "patient-view");
            if (service.get("hook").asText().equals("patient-view")) {
                // Conditions, liver imaging and age: the liver-cancer risk factors of the surveillance schedule.
                assertThat(service.get("prefetch").fieldNames()).toIterable().containsExactly("patient",
                        "conditions", "observations", "medicationAdministrations", "diagnosticReports", "carePlans",
                        "encounter");
            }
            assertThat(service.get("id").asText()).isNotBlank();
            assertThat(service.get("description").asText()).isNotBlank();
            assertThat(service.get("prefetch").get("patient").asText()).isEqualTo("Patient/{{context.patientId}}");
            assertThat(service.get("prefetch").get("observations").asText())
                    .contains("http://loinc.org|3185-6", "aav5-nab-titer", "http://loinc.org|29463-7");
        }
    }

    @Test
    void anOrderForAnotherDrugGetsNoCards() {
        ObjectNode request = client.orderSign(Scenarios.byId("eligible"));
        // Only the drug order: the scenario's infusion ServiceRequest names Hemgenix, and gets its own card.
        ((ArrayNode) request.at("/context/draftOrders/entry")).remove(1);
        ObjectNode order = (ObjectNode) request.at("/context/draftOrders/entry/0/resource");
        order.putObject("medicationCodeableConcept").put("text", "Ibuprofen 400 mg tablet")
                .putArray("coding").addObject().put("system", "http://www.nlm.nih.gov/research/umls/rxnorm")
                .put("code", "197806");

        HookClient.Response response = client.post(SIGN, request.toString());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("cards")).isEmpty();
    }

    @Test
    void orderSelectJudgesOnlyTheSelectedOrders() {
        Scenario scenario = Scenarios.byId("nab-high");
        ObjectNode request = client.orderSign(scenario);
        request.put("hook", "order-select");
        String orderId = request.at("/context/draftOrders/entry/0/resource/id").asText();
        ArrayNode selections = ((ObjectNode) request.get("context")).putArray("selections");

        selections.add("MedicationRequest/not-this-one");
        JsonNode none = client.post("/cds-services/" + CdsServiceCatalog.ORDER_SELECT_ID, request.toString()).json();
        assertThat(none.get("cards")).isEmpty();

        selections.removeAll().add("MedicationRequest/" + orderId);
        HookClient.Response response = client.post("/cds-services/" + CdsServiceCatalog.ORDER_SELECT_ID,
                request.toString());
        assertThat(response.status()).isEqualTo(200);
        assertThat(HookAssertions.findings(response.json())).containsEntry("nab-aav5", "FAIL");
        assertThat(response.json().has("systemActions")).isFalse();
    }

    @Test
    void notJsonIs400WithOperationOutcome() {
        assertOutcome(client.post(SIGN, "this is not JSON"), 400);
    }

    @Test
    void invalidHookRequestIs422WithOperationOutcome() {
        ObjectNode request = client.orderSign(Scenarios.byId("eligible"));
        ((ObjectNode) request.get("context")).remove("patientId");
        assertOutcome(client.post(SIGN, request.toString()), 422);

        ObjectNode noHookInstance = client.orderSign(Scenarios.byId("eligible"));
        noHookInstance.remove("hookInstance");
        assertOutcome(client.post(SIGN, noHookInstance.toString()), 422);

        ObjectNode draftOrdersNotBundle = client.orderSign(Scenarios.byId("eligible"));
        ((ObjectNode) draftOrdersNotBundle.get("context")).putObject("draftOrders").put("resourceType", "Patient");
        assertOutcome(client.post(SIGN, draftOrdersNotBundle.toString()), 422);
    }

    @Test
    void unknownServiceIs404WithOperationOutcome() {
        assertOutcome(client.post("/cds-services/no-such-service", client.orderSign(Scenarios.byId("eligible"))
                .toString()), 404);
    }

    @Test
    void prefetchOfAnotherPatientIs422() {
        ObjectNode request = client.orderSign(Scenarios.byId("eligible"));
        client.addPrefetch(request, CdsServiceCatalog.ORDER_SIGN_ID);
        ((ObjectNode) request.at("/prefetch/patient")).put("id", "someone-else");
        assertOutcome(client.post(SIGN, request.toString()), 422);
    }

    @Test
    void operationOutcomeInPlaceOfPrefetchIsFetched() {
        Scenario scenario = Scenarios.byId("nab-high");
        ObjectNode request = client.orderSign(scenario);
        client.addPrefetch(request, CdsServiceCatalog.ORDER_SIGN_ID);
        ((ObjectNode) request.get("prefetch")).putObject("observations").put("resourceType", "OperationOutcome")
                .putArray("issue").addObject().put("severity", "error").put("code", "timeout");

        JsonNode response = client.post(SIGN, request.toString()).json();

        assertThat(HookAssertions.findings(response)).isEqualTo(scenario.expectedFindings());
    }

    @Test
    void nullPrefetchMeansNoDataNotAPass() {
        ObjectNode request = client.orderSign(Scenarios.byId("eligible"));
        client.addPrefetch(request, CdsServiceCatalog.ORDER_SIGN_ID);
        ((ObjectNode) request.get("prefetch")).putNull("observations");

        Map<String, String> findings = HookAssertions.findings(client.post(SIGN, request.toString()).json());

        assertThat(findings).containsEntry("nab-aav5", "MISSING").containsEntry("fix-inhibitor", "MISSING")
                .containsEntry("weight-and-dose", "MISSING").containsEntry("baseline-liver", "MISSING");
    }

    @Test
    void unreachableFhirServerMeansCouldNotVerifyNeverAPass() {
        ObjectNode request = client.orderSign(Scenarios.byId("eligible"));
        // Port 1 on loopback refuses connections at once.
        request.put("fhirServer", "http://127.0.0.1:1/fhir");

        HookClient.Response response = client.post(SIGN, request.toString());

        assertThat(response.status()).isEqualTo(200);
        Map<String, String> findings = HookAssertions.findings(response.json());
        assertThat(findings).containsEntry("age", "COULD_NOT_VERIFY").containsEntry("nab-aav5", "COULD_NOT_VERIFY")
                .containsEntry("fix-inhibitor", "COULD_NOT_VERIFY")
                .containsEntry("prior-gene-therapy", "COULD_NOT_VERIFY");
        assertThat(HookAssertions.cardGroups(response.json())).contains("unverified");
    }

    private static void assertOutcome(HookClient.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        JsonNode body = response.json();
        assertThat(body.get("resourceType").asText()).isEqualTo("OperationOutcome");
        assertThat(body.at("/issue/0/diagnostics").asText()).isNotBlank();
    }

    @Test
    void thePayerCardLinksTheSmartChecklist() {
        JsonNode body = client.post(SIGN, client.orderSign(Scenarios.byId("eligible")).toString()).json();

        JsonNode links = body.get("cards").get(0).get("links");
        JsonNode smart = null;
        for (JsonNode link : links) {
            if (link.get("type").asText().equals("smart")) {
                smart = link;
            }
        }
        assertThat(smart).isNotNull();
        assertThat(smart.get("url").asText()).isEqualTo("http://localhost:" + port + "/app/launch.html");
    }
}
