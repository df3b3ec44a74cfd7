package org.genegate.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.Stream;
import org.genegate.profiles.Scenario;
import org.genegate.profiles.Scenarios;
import org.genegate.server.AbstractServerIT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every scenario patient, order-sign over real HTTP against the real server, three ways: with the full
 * prefetch an EHR would send, with no prefetch (the service reads its own store), and with no prefetch
 * but a fhirServer (the service fetches over HTTP). All three must give the cards written down for it.
 */
class HookScenariosIT extends AbstractServerIT {

    private HookClient client;

    @BeforeEach
    void client() {
        client = new HookClient(port);
    }

    static Stream<Named<Scenario>> scenarios() {
        return Scenarios.all().stream().map(s -> Named.of(s.id(), s));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void withFullPrefetch(Scenario scenario) {
        ObjectNode request = client.orderSign(scenario);
        client.addPrefetch(request, CdsServiceCatalog.ORDER_SIGN_ID);
        assertScenario(scenario, request);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void withoutPrefetchFromTheOwnStore(Scenario scenario) {
        assertScenario(scenario, client.orderSign(scenario));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void withoutPrefetchFromTheNamedFhirServer(Scenario scenario) {
        ObjectNode request = client.orderSign(scenario);
        request.put("fhirServer", client.fhirBase());
        request.putObject("fhirAuthorization").put("access_token", "test-token").put("token_type", "Bearer")
                .put("expires_in", 300).put("scope", "patient/*.read").put("subject", "genegate");
        assertScenario(scenario, request);
    }

    private void assertScenario(Scenario scenario, ObjectNode request) {
        HookClient.Response response = client.post("/cds-services/" + CdsServiceCatalog.ORDER_SIGN_ID,
                request.toString());

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode body = response.json();
        HookAssertions.assertWellFormed(body);
        HookAssertions.assertSourcesStated(body);
        assertThat(HookAssertions.findings(body)).as("findings of %s", scenario.id())
                .isEqualTo(scenario.expectedFindings());
        assertThat(HookAssertions.cardGroups(body)).as("cards of %s", scenario.id())
                .containsExactlyInAnyOrderElementsOf(scenario.expectedCards());
        assertThat(body.has("systemActions")).isTrue();
        boolean hasCoverage = !scenario.expectedFindings().containsKey("payer");
        if (hasCoverage) {
            JsonNode action = body.get("systemActions").get(0);
            assertThat(action.get("type").asText()).isEqualTo("update");
            assertThat(action.at("/resource/resourceType").asText()).isEqualTo("MedicationRequest");
            assertThat(action.at("/resource/extension").findValuesAsText("url"))
                    .contains("http://hl7.org/fhir/us/davinci-crd/StructureDefinition/ext-coverage-information");
        } else {
            assertThat(body.get("systemActions")).isEmpty();
        }
    }
}
