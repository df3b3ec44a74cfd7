package org.genegate.hooks.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.genegate.hooks.HookAssertions;
import org.genegate.hooks.HookClient;
import org.genegate.profiles.Scenarios;
import org.genegate.server.AbstractServerIT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The EHR's FHIR server misbehaves (a real HTTP server on loopback, {@link FaultyFhirServer}): every hook still
 * answers 200 within its fetch budget, and every gate that needed the remote record says "could not verify",
 * never pass. Uses the default budget (3 s): AbstractServerIT's configuration is shared and left alone.
 */
class RemoteFhirServerFaultsIT extends AbstractServerIT {

    /** Gates that judge the draft order alone, and so may pass whatever the FHIR server does. */
    private static final Set<String> ORDER_ONLY_GATES = Set.of("coding");

    private static FaultyFhirServer fhir;
    private HookClient client;

    @BeforeAll
    static void startFaultyServer() throws IOException {
        fhir = new FaultyFhirServer();
    }

    @AfterAll
    static void stopFaultyServer() {
        fhir.close();
    }

    @BeforeEach
    void client() {
        client = new HookClient(port);
    }

    @Test
    void refusedConnections() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertCouldNotVerify(hookAgainst("http://127.0.0.1:" + closedPort + "/fhir"));
    }

    @Test
    void answersAfterTenSeconds() {
        long started = System.nanoTime();
        JsonNode response = hookAgainst(fhir.base("slow"));
        long millis = (System.nanoTime() - started) / 1_000_000;

        // Ordering, not timing: the hook was answered before the slow server let go of any answer.
        assertThat(fhir.slowAnswersSent.get()).isZero();
        assertCouldNotVerify(response);
        assertThat(reasons(response)).contains("no answer within");
        System.out.println("Hook against a FHIR server answering after 10 s: answered in " + millis + " ms");
    }

    @Test
    void serverError() {
        JsonNode response = hookAgainst(fhir.base("error"));
        assertCouldNotVerify(response);
    }

    @Test
    void invalidJson() {
        assertCouldNotVerify(hookAgainst(fhir.base("garbage")));
    }

    @Test
    void anotherPatientsData() {
        JsonNode response = hookAgainst(fhir.base("other-patient"));
        // The prescriber's PractitionerRoles are not patient data, so this server's roles are judged as given.
        assertCouldNotVerify(response, "prescriber");
        // Which patient the data belongs to is not said: that would disclose another patient's record.
        assertThat(reasons(response)).contains("not of the context patient").doesNotContain("someone-else");
    }

    @Test
    void hugeBodyIsCutOffWhileReading() {
        JsonNode response = hookAgainst(fhir.base("huge"));
        assertCouldNotVerify(response);
        // Every part was asked for; none of the 64 MB answers was read to its end.
        assertThat(fhir.hugeBodiesCompleted.get()).isZero();
    }

    @Test
    void nextLinkToAnotherHostIsNotFollowed() {
        JsonNode response = hookAgainst(fhir.base("next-elsewhere"));
        assertCouldNotVerify(response);
        assertThat(fhir.elsewhereHits.get()).isZero();
    }

    @Test
    void redirectsAreNotFollowed() {
        JsonNode response = hookAgainst(fhir.base("redirect"));
        assertCouldNotVerify(response);
        assertThat(fhir.elsewhereHits.get()).isZero();
    }

    private JsonNode hookAgainst(String fhirServer) {
        ObjectNode request = client.orderSign(Scenarios.byId("eligible"));
        request.put("fhirServer", fhirServer);
        request.putObject("fhirAuthorization").put("access_token", "secret-token").put("token_type", "Bearer")
                .put("expires_in", 300).put("scope", "patient/*.read").put("subject", "genegate");
        HookClient.Response response = client.post(HostileRequests.SIGN, request.toString());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    /** Every gate that reads the record could not verify; none passed, failed or went missing on no data. */
    private static void assertCouldNotVerify(JsonNode response, String... gatesNotOnPatientData) {
        Set<String> mayJudge = new HashSet<>(ORDER_ONLY_GATES);
        mayJudge.addAll(List.of(gatesNotOnPatientData));
        Map<String, String> statuses = allStatuses(response);
        assertThat(statuses).containsEntry("age", "COULD_NOT_VERIFY").containsEntry("nab-aav5", "COULD_NOT_VERIFY")
                .containsEntry("fix-inhibitor", "COULD_NOT_VERIFY").containsEntry("payer", "COULD_NOT_VERIFY");
        statuses.forEach((gate, status) -> {
            if (!mayJudge.contains(gate)) {
                assertThat(status).as("gate %s", gate).isEqualTo("COULD_NOT_VERIFY");
            }
        });
        assertThat(HookAssertions.cardGroups(response)).contains("unverified");
    }

    /** gate → status of every finding on every card, passes included. */
    private static Map<String, String> allStatuses(JsonNode response) {
        Map<String, String> statuses = new TreeMap<>();
        for (JsonNode card : response.get("cards")) {
            for (JsonNode finding : card.at("/extension/genegate.findings")) {
                statuses.put(finding.get("gate").asText(), finding.get("status").asText());
            }
        }
        return statuses;
    }

    private static String reasons(JsonNode response) {
        StringBuilder details = new StringBuilder();
        response.get("cards").forEach(card -> details.append(card.path("detail").asText()).append('\n'));
        return details.toString();
    }
}
