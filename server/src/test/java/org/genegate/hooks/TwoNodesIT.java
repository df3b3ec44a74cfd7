package org.genegate.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.genegate.profiles.Scenario;
import org.genegate.profiles.Scenarios;
import org.genegate.server.ObservationWriteStream;
import org.genegate.server.PostgresTestDatabase;
import org.genegate.server.ServerProcess;
import org.genegate.server.TestHttp;
import org.genegate.terminology.TerminologyResources;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Ratio;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/**
 * Two GeneGate server processes (the built jar, profile {@code postgres}) on one fresh PostgreSQL
 * database, launched at the same instant as a cluster manager would: the terminology is installed
 * once, an order-sign on node B sees what was just written through node A's FHIR API (including
 * an update and a delete made after B had answered for that patient from its record cache), and when node A is killed with
 * SIGKILL in the middle of a stream of writes, node B reads back every write A had acknowledged.
 */
class TwoNodesIT {

    private static final Pattern TERMINOLOGY_SUMMARY = Pattern.compile(
            "Terminology: (\\d+) resources \\((\\d+) created, (\\d+) updated, (\\d+) unchanged\\)");

    private final FhirContext fhirContext = FhirContext.forR4Cached();

    @Test
    void twoNodesShareOneDatabase() throws Exception {
        Optional<String> unavailable = PostgresTestDatabase.unavailableReason();
        assumeTrue(unavailable.isEmpty(), () -> unavailable.get() + ": two-node test skipped");
        Path workDir = Files.createTempDirectory("genegate-two-nodes");

        try (PostgresTestDatabase database = PostgresTestDatabase.create("twonodes");
                ServerProcess nodeA = launch("node-a", workDir, database);
                ServerProcess nodeB = launch("node-b", workDir, database)) {
            nodeA.awaitReady("Terminology: ");
            nodeB.awaitReady("Terminology: ");

            terminologyWasInstalledOnce(nodeA, nodeB);
            orderSignOnBSeesWritesThroughA(nodeA, nodeB);
            writesAcknowledgedByAOutliveIt(nodeA, nodeB);
        }
    }

    private static ServerProcess launch(String name, Path workDir, PostgresTestDatabase database) {
        return ServerProcess.launch(name, workDir,
                Map.of("GENEGATE_DB_URL", database.url(),
                        "GENEGATE_DB_USER", database.user(),
                        "GENEGATE_DB_PASSWORD", database.password(),
                        "GENEGATE_DB_POOL_SIZE", "8"),
                List.of("--spring.profiles.active=postgres"));
    }

    private void terminologyWasInstalledOnce(ServerProcess nodeA, ServerProcess nodeB) {
        List<Resource> shipped = TerminologyResources.load(fhirContext);
        List<int[]> summaries = new ArrayList<>();
        for (ServerProcess node : List.of(nodeA, nodeB)) {
            Matcher matcher = TERMINOLOGY_SUMMARY.matcher(node.logText());
            assertThat(matcher.find()).as("terminology summary in the log of node on port %d", node.port()).isTrue();
            summaries.add(new int[] {
                Integer.parseInt(matcher.group(2)), Integer.parseInt(matcher.group(3)), Integer.parseInt(matcher.group(4))
            });
        }
        int n = shipped.size();
        // One node created everything, the other found everything unchanged: whichever came first.
        assertThat(summaries).as("(created, updated, unchanged) on A and B")
                .satisfiesExactlyInAnyOrder(
                        s -> assertThat(s).containsExactly(n, 0, 0),
                        s -> assertThat(s).containsExactly(0, 0, n));

        for (Resource resource : shipped) {
            String path = resource.fhirType() + "/" + resource.getIdElement().getIdPart() + "/_history";
            Bundle history = fhirContext.newJsonParser().parseResource(Bundle.class, fhirGet(nodeB, path).body());
            assertThat(history.getEntry()).as("versions of %s", path).hasSize(1);
            assertThat(history.getEntryFirstRep().getResource().getMeta().getVersionId()).isEqualTo("1");
        }
    }

    private void orderSignOnBSeesWritesThroughA(ServerProcess nodeA, ServerProcess nodeB) {
        Scenario eligible = Scenarios.byId("eligible");
        HttpResponse<String> loaded = fhirSend(nodeA, "", "POST", eligible.bundleJson());
        assertThat(loaded.statusCode()).as(loaded.body()).isEqualTo(200);

        HookClient hooksOnB = new HookClient(nodeB.port());
        JsonNode before = signOn(hooksOnB, eligible);
        assertThat(HookAssertions.findings(before)).isEqualTo(eligible.expectedFindings());
        assertThat(HookAssertions.cardGroups(before)).containsExactlyInAnyOrderElementsOf(eligible.expectedCards());

        // The lab corrects the NAb result through node A: 1:200 becomes 1:900.
        Observation nab = fhirContext.newJsonParser().parseResource(Observation.class,
                fhirGet(nodeA, "Observation/eligible-aav5-nab").body());
        nab.setValue(new Ratio().setNumerator(new Quantity(1))
                .setDenominator(new Quantity(900)));
        HttpResponse<String> updated = fhirSend(nodeA, "Observation/eligible-aav5-nab", "PUT",
                fhirContext.newJsonParser().encodeResourceToString(nab));
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);

        JsonNode after = signOn(hooksOnB, eligible);
        assertThat(HookAssertions.findings(after)).isEqualTo(Map.of("nab-aav5", "FAIL"));
        assertThat(HookAssertions.cardGroups(after)).contains("documentation");

        // B answers again (now from its record cache), then A deletes the result: B's cached record is stale.
        assertThat(HookAssertions.findings(signOn(hooksOnB, eligible))).isEqualTo(Map.of("nab-aav5", "FAIL"));
        HttpResponse<String> deleted = fhirSend(nodeA, "Observation/eligible-aav5-nab", "DELETE", "");
        assertThat(deleted.statusCode()).as(deleted.body()).isBetween(200, 204);
        assertThat(HookAssertions.findings(signOn(hooksOnB, eligible))).isEqualTo(Map.of("nab-aav5", "MISSING"));
    }

    private static void writesAcknowledgedByAOutliveIt(ServerProcess nodeA, ServerProcess nodeB) throws Exception {
        ObservationWriteStream stream = new ObservationWriteStream().killMidStream(nodeA, 300);

        assertThat(stream.unexpectedAnswers()).as("answers other than 201 while node A was up").isEmpty();
        assertThat(stream.missingOn(nodeB))
                .as("writes acknowledged by the killed node A but not found on node B (of %d)",
                        stream.acknowledged().size())
                .isEmpty();
    }

    private static JsonNode signOn(HookClient client, Scenario scenario) {
        ObjectNode request = client.orderSign(scenario);
        HookClient.Response response =
                client.post("/cds-services/" + CdsServiceCatalog.ORDER_SIGN_ID, request.toString());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private HttpResponse<String> fhirGet(ServerProcess node, String path) {
        return TestHttp.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + "/fhir/" + path))
                .header("Accept", "application/fhir+json")
                .GET());
    }

    private HttpResponse<String> fhirSend(ServerProcess node, String path, String method, String body) {
        return TestHttp.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + "/fhir/" + path))
                .header("Accept", "application/fhir+json")
                .header("Content-Type", "application/fhir+json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)));
    }
}
