package org.genegate.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.genegate.profiles.Scenario;
import org.genegate.profiles.Scenarios;
import org.genegate.server.AbstractServerIT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What CDS Hooks 2.0 and Da Vinci CRD require and Inferno does not test: 412 with an OperationOutcome, CORS
 * for browser clients, prefetch fallback, feedback errors, and the CRD configuration extension (advertised in
 * discovery, honoured in requests, never an error). 400/404/422 for hook calls are in {@link HookProtocolIT}.
 */
class CdsHooksSpecIT extends AbstractServerIT {

    private static final String SIGN = "/cds-services/" + CdsServiceCatalog.ORDER_SIGN_ID;
    private static final String BROWSER = "https://ehr.example.org";

    private HookClient client;

    @BeforeEach
    void client() {
        client = new HookClient(port);
    }

    @Test
    void patientNeitherPrefetchedNorFetchableIs412WithOperationOutcome() {
        ObjectNode request = client.orderSign(Scenarios.byId("eligible"));
        ((ObjectNode) request.get("context")).put("patientId", "not-in-this-store");

        assertOutcome(client.post(SIGN, request.toString()), 412);
    }

    @Test
    void corsPreflightFromABrowserOriginIsAllowed() {
        for (String[] call : new String[][] {{"/cds-services", "GET"}, {SIGN, "POST"}, {SIGN + "/feedback", "POST"}}) {
            HookClient.Response preflight = client.preflight(call[0], BROWSER, call[1], "authorization,content-type");

            assertThat(preflight.status()).as(call[0]).isEqualTo(200);
            assertThat(preflight.header("Access-Control-Allow-Origin")).as(call[0]).isIn("*", BROWSER);
            assertThat(preflight.header("Access-Control-Allow-Methods")).as(call[0]).contains(call[1]);
            assertThat(preflight.header("Access-Control-Allow-Headers").toLowerCase())
                    .contains("authorization").contains("content-type");
        }
        HookClient.Response call = client.post(SIGN, client.orderSign(Scenarios.byId("eligible")).toString(),
                Map.of("Origin", BROWSER));
        assertThat(call.status()).isEqualTo(200);
        assertThat(call.header("Access-Control-Allow-Origin")).isIn("*", BROWSER);
    }

    @Test
    void partsMissingFromPrefetchAreFetchedFromTheFhirServer() {
        Scenario scenario = Scenarios.byId("inhibitor-once");
        ObjectNode request = client.orderSign(scenario);
        client.addPrefetch(request, CdsServiceCatalog.ORDER_SIGN_ID);
        ObjectNode prefetch = (ObjectNode) request.get("prefetch");
        prefetch.remove("observations");
        prefetch.remove("conditions");
        request.put("fhirServer", client.fhirBase());

        HookClient.Response response = client.post(SIGN, request.toString());

        assertThat(response.status()).isEqualTo(200);
        assertThat(HookAssertions.findings(response.json())).isEqualTo(scenario.expectedFindings());
    }

    @Test
    void discoveryAdvertisesTheCrdConfigurationOptions() {
        for (JsonNode service : client.get("/cds-services").json().get("services")) {
            if (service.get("hook").asText().equals("patient-view")) {
                continue; // not a CRD hook: it carries no CRD configuration options
            }
            Map<String, String> types = new TreeMap<>();
            for (JsonNode option : service.at("/extension/davinci-crd.configuration-options")) {
                assertThat(option.path("name").asText()).isNotBlank();
                assertThat(option.path("description").asText()).isNotBlank();
                types.put(option.get("code").asText(), option.get("type").asText());
            }
            assertThat(types).containsEntry("coverage-info", "boolean").containsEntry("guideline", "boolean")
                    .containsEntry("contraindication", "boolean").containsEntry("claim", "boolean")
                    .containsEntry("max-cards", "integer");
        }
    }

    @Test
    void cardTypesSwitchedOffAreDropped() {
        JsonNode all = client.post(SIGN, configured("pediatric", "{}").toString()).json();
        assertThat(HookAssertions.cardGroups(all)).contains("critical", "payer");

        JsonNode noContraindication = client.post(SIGN, configured("pediatric",
                "{\"contraindication\": false}").toString()).json();
        assertThat(HookAssertions.cardGroups(noContraindication)).doesNotContain("critical").contains("payer");

        JsonNode noCoverage = client.post(SIGN, configured("pediatric", "{\"coverage-info\": false}").toString()).json();
        assertThat(HookAssertions.cardGroups(noCoverage)).contains("critical").doesNotContain("payer");
        assertThat(noCoverage.get("systemActions")).isEmpty();
    }

    @Test
    void maxCardsKeepsTheMostUrgentCards() {
        JsonNode all = client.post(SIGN, threeCards("{}").toString()).json();
        assertThat(HookAssertions.cardGroups(all)).containsExactly("critical", "documentation", "payer");

        JsonNode one = client.post(SIGN, threeCards("{\"max-cards\": 1}").toString()).json();
        assertThat(HookAssertions.cardGroups(one)).containsExactly("critical");

        JsonNode two = client.post(SIGN, threeCards("{\"max-cards\": 2}").toString()).json();
        assertThat(HookAssertions.cardGroups(two)).containsExactly("critical", "documentation");
        assertThat(two.get("systemActions")).hasSize(1);
    }

    /** pediatric (critical) with its conditions prefetched as "none" (a documentation warning) and a payer card. */
    private ObjectNode threeCards(String configuration) {
        ObjectNode request = configured("pediatric", configuration);
        client.addPrefetch(request, CdsServiceCatalog.ORDER_SIGN_ID);
        ((ObjectNode) request.get("prefetch")).putNull("conditions");
        return request;
    }

    @Test
    void unknownOptionsAndOddExtensionsNeverCauseAnError() {
        String configured = configured("pediatric", "{\"alt-drug\": true, \"dtr-clin\": true, \"coverage\": true, "
                + "\"claim\": \"no\", \"max-cards\": \"ten\", \"guideline\": null}").toString();
        JsonNode response = client.post(SIGN, configured).json();
        assertThat(HookAssertions.findings(response)).isEqualTo(Scenarios.byId("pediatric").expectedFindings());

        for (String extension : List.of("\"text\"", "[]", "42", "null", "{\"davinci-crd.configuration\": 5}",
                "{\"davinci-crd.configuration\": {\"max-cards\": -3}}", "{\"com.example.other\": {\"a\": [1]}}")) {
            ObjectNode request = client.orderSign(Scenarios.byId("pediatric"));
            request.set("extension", HookClient.read(extension));
            HookClient.Response answer = client.post(SIGN, request.toString());
            assertThat(answer.status()).as(extension).isEqualTo(200);
            assertThat(HookAssertions.cardGroups(answer.json())).as(extension).contains("critical");
        }
    }

    @Test
    void feedbackErrorsAreOperationOutcomes() {
        assertOutcome(client.post(SIGN + "/feedback", "not json"), 400);
        assertOutcome(client.post("/cds-services/no-such-service/feedback", feedback("accepted", "", "")), 404);
        String card = UUID.randomUUID().toString();
        String timestamp = "\"outcomeTimestamp\": \"2026-11-20T10:15:00Z\"";
        for (String bad : List.of("{}", "{\"feedback\": []}", "{\"feedback\": {}}",
                "{\"feedback\": [{\"outcome\": \"overridden\", " + timestamp + "}]}",
                "{\"feedback\": [{\"card\": \"not-a-uuid\", \"outcome\": \"overridden\", " + timestamp + "}]}",
                "{\"feedback\": [{\"card\": \"" + card + "\", \"outcome\": \"ignored\", " + timestamp + "}]}",
                "{\"feedback\": [{\"card\": \"" + card + "\", \"outcome\": \"overridden\"}]}",
                "{\"feedback\": [{\"card\": \"" + card + "\", \"outcome\": \"overridden\", "
                        + "\"outcomeTimestamp\": \"yesterday\"}]}",
                "{\"feedback\": [{\"card\": \"" + card + "\", \"outcome\": \"accepted\", " + timestamp + "}]}",
                "{\"feedback\": [{\"card\": \"" + card + "\", \"outcome\": \"accepted\", " + timestamp
                        + ", \"acceptedSuggestions\": [{\"id\": \"s1\"}], \"overrideReason\": {\"userComment\": \"x\"}}]}",
                "{\"feedback\": [{\"card\": \"" + card + "\", \"outcome\": \"overridden\", " + timestamp
                        + ", \"overrideReason\": {\"reason\": {\"display\": \"no code\"}}}]}")) {
            assertOutcome(client.post(SIGN + "/feedback", bad), 422);
        }
    }

    static String feedback(String outcome, String extra, String card) {
        return "{\"feedback\": [{\"card\": \"" + (card.isEmpty() ? UUID.randomUUID() : card)
                + "\", \"outcome\": \"" + outcome + "\", \"outcomeTimestamp\": \"2026-11-20T10:15:00Z\"" + extra + "}]}";
    }

    private ObjectNode configured(String scenarioId, String configuration) {
        ObjectNode request = client.orderSign(Scenarios.byId(scenarioId));
        request.putObject("extension").set("davinci-crd.configuration", HookClient.read(configuration));
        return request;
    }

    private static void assertOutcome(HookClient.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        JsonNode body = response.json();
        assertThat(body.get("resourceType").asText()).isEqualTo("OperationOutcome");
        assertThat(body.at("/issue/0/diagnostics").asText()).isNotBlank();
    }
}
