package org.genegate.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.genegate.profiles.Scenario;
import org.genegate.profiles.Scenarios;
import org.genegate.server.AbstractServerIT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The patient-view service over real HTTP for every scenario patient, three ways (full prefetch, own store,
 * named fhirServer): the post-infusion scenarios get the cards written down for them, everyone else none.
 */
class PatientViewScenariosIT extends AbstractServerIT {

    private static final String PATH = "/cds-services/" + CdsServiceCatalog.PATIENT_VIEW_ID;

    private HookClient client;

    @BeforeEach
    void client() {
        client = new HookClient(port);
    }

    static Stream<Named<Scenario>> scenarios() {
        return Scenarios.all().stream().map(s -> Named.of(s.id(), s));
    }

    private JsonNode call(ObjectNode request) {
        HookClient.Response response = client.post(PATH, request.toString());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode body = response.json();
        HookAssertions.assertWellFormed(body);
        assertThat(body.has("systemActions")).isFalse();
        return body;
    }

    static List<String> alerts(JsonNode body) {
        List<String> alerts = new ArrayList<>();
        for (JsonNode card : body.get("cards")) {
            alerts.add(card.at("/extension/genegate.monitoring/0/alert").asText());
        }
        return alerts;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void withFullPrefetch(Scenario scenario) {
        ObjectNode request = client.patientView(scenario);
        client.addPrefetch(request, CdsServiceCatalog.PATIENT_VIEW_ID);
        assertThat(alerts(call(request))).as(scenario.id())
                .containsExactlyInAnyOrderElementsOf(scenario.expectedPatientViewCards());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void withoutPrefetchFromTheOwnStore(Scenario scenario) {
        assertThat(alerts(call(client.patientView(scenario)))).as(scenario.id())
                .containsExactlyInAnyOrderElementsOf(scenario.expectedPatientViewCards());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void withoutPrefetchFromTheNamedFhirServer(Scenario scenario) {
        ObjectNode request = client.patientView(scenario);
        request.put("fhirServer", client.fhirBase());
        request.putObject("fhirAuthorization").put("access_token", "test-token").put("token_type", "Bearer")
                .put("expires_in", 300).put("scope", "patient/*.read").put("subject", "genegate");
        assertThat(alerts(call(request))).as(scenario.id())
                .containsExactlyInAnyOrderElementsOf(scenario.expectedPatientViewCards());
    }

    @Test
    void theAltCardAdvisesCorticosteroidsWithoutPresentingASheetRegimenAsLabel() {
        JsonNode card = card(call(client.patientView(Scenarios.byId("post-infusion-alt-rise"))), "alt");

        assertThat(card.get("indicator").asText()).isEqualTo("warning");
        assertThat(card.get("summary").asText()).contains("ALT 70 U/L", "consider corticosteroids");
        assertThat(card.get("detail").asText()).contains("above the upper limit of normal (ULN 56 U/L)",
                        "2 x the pre-infusion baseline (25 U/L", "per the label and the site's protocol")
                .doesNotContain("60 mg").doesNotContainIgnoringCase("prednisone");
    }

    @Test
    void theOverdueCardNamesTheWeeksAndOrdersTheTests() {
        JsonNode card = call(client.patientView(Scenarios.byId("post-infusion-overdue"))).get("cards").get(0);

        assertThat(card.get("detail").asText()).contains("**ALT (weekly)**: weeks 10, 11, 12", "as of " + Scenarios.loadDay());
        JsonNode actions = card.get("suggestions").get(0).get("actions");
        assertThat(actions).hasSize(3);
        assertThat(actions.get(0).at("/resource/resourceType").asText()).isEqualTo("ServiceRequest");
        assertThat(actions.get(0).at("/resource/subject/reference").asText())
                .isEqualTo("Patient/post-infusion-overdue-patient");

        Scenario milestones = Scenarios.byId("post-infusion-milestone-overdue");
        // Six months after the infusion day as loaded (written 2026-11-20, due 2027-05-20).
        LocalDate sixMonthsDue = LocalDate.parse(milestones.dates().shift("2026-11-20")).plusMonths(6);
        JsonNode sixMonths = call(client.patientView(milestones));
        assertThat(card(sixMonths, "overdue").get("detail").asText())
                .contains("6-month follow-up (due " + sixMonthsDue + "): ALT, AST, FIX activity")
                .doesNotContain("3-month");
        // The payer's outcomes-agreement date is information about a contract, not a clinical duty.
        JsonNode outcomes = card(sixMonths, "outcomes-agreement");
        assertThat(outcomes.get("indicator").asText()).isEqualTo("info");
        assertThat(outcomes.get("detail").asText()).contains("6 months (" + sixMonthsDue + "): FIX activity, annualized "
                + "bleeding rate, FIX product use", "not clinical requirements").doesNotContain("3 months");
    }

    /** The card of one alert kind (extension genegate.monitoring). */
    private static JsonNode card(JsonNode response, String alert) {
        for (JsonNode card : response.get("cards")) {
            if (card.at("/extension/genegate.monitoring/0/alert").asText().equals(alert)) {
                return card;
            }
        }
        throw new AssertionError("no " + alert + " card in " + response);
    }

    @Test
    void anInhibitorAfterDosingIsACriticalCardWithOverrideReasons() {
        JsonNode card = call(client.patientView(Scenarios.byId("post-infusion-inhibitor"))).get("cards").get(0);

        assertThat(card.get("indicator").asText()).isEqualTo("critical");
        assertThat(card.get("summary").asText()).contains("FIX inhibitor positive after dosing");
    }

    @Test
    void aPatientViewRequestWithoutPatientIdIs422() {
        ObjectNode request = client.patientView(Scenarios.byId("eligible"));
        ((ObjectNode) request.get("context")).remove("patientId");
        HookClient.Response response = client.post(PATH, request.toString());

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("resourceType").asText()).isEqualTo("OperationOutcome");
    }
}
