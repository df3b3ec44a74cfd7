package org.genegate.cdsapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import org.genegate.hooks.CdsServiceCatalog;
import org.genegate.hooks.HookClient;
import org.genegate.profiles.Scenario;
import org.genegate.profiles.Scenarios;
import org.genegate.server.AbstractServerIT;
import org.genegate.server.ServerProcess;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The CDS-only application ({@code genegate-cds.jar}) as its own process next to this server: one node reads
 * records from this server's FHIR endpoint as its configured store and sends its AuditEvents there; another has no
 * store and judges from prefetch alone. Each answers a scenario's order-sign with the cards this server gives for
 * the same request (card uuids aside).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CdsOnlyDeploymentIT extends AbstractServerIT {

    private static final String SIGN = "/cds-services/" + CdsServiceCatalog.ORDER_SIGN_ID;
    /** A liveness guard for the background sender on a loaded machine, not a performance expectation. */
    private static final Duration AUDIT_ARRIVAL_LIMIT = Duration.ofSeconds(60);

    private ServerProcess storeBacked;
    private ServerProcess prefetchOnly;
    private HookClient server;

    @BeforeAll
    void startCdsOnlyNodes() throws IOException {
        Path workDir = Files.createTempDirectory("genegate-cds-only");
        // The payer card's SMART link points at this server's page, as an operator sets it for CDS-only nodes.
        String launchPage = "--genegate.hooks.smart-app-url=http://localhost:" + port + "/app/launch.html";
        storeBacked = ServerProcess.launchCdsOnly("cds-only-store", workDir, ServerProcess.testNodeJvmArgs(),
                List.of("--genegate.cds.store-url=" + fhirBase(), launchPage));
        prefetchOnly = ServerProcess.launchCdsOnly("cds-only-prefetch", workDir, ServerProcess.testNodeJvmArgs(),
                List.of(launchPage));
        storeBacked.awaitReady("Started CdsApplication");
        prefetchOnly.awaitReady("Started CdsApplication");
        server = new HookClient(port);
    }

    @AfterAll
    void stopCdsOnlyNodes() {
        for (ServerProcess node : new ServerProcess[] {storeBacked, prefetchOnly}) {
            if (node != null) {
                node.close();
            }
        }
    }

    @Test
    void withoutPrefetchTheNodeReadsTheStoreAnswersAsTheServerAndItsAuditArrivesThere() throws Exception {
        HookClient cdsOnly = new HookClient(storeBacked.port());
        for (String id : List.of("nab-high", "pediatric", "eligible")) {
            Scenario scenario = Scenarios.byId(id);
            ObjectNode request = server.orderSign(scenario);
            JsonNode expected = answer(server, request);
            ObjectNode own = request.deepCopy();
            String hookInstance = UUID.randomUUID().toString();
            own.put("hookInstance", hookInstance);

            JsonNode actual = answer(cdsOnly, own);

            assertThat(withoutUuids(actual)).as(id).isEqualTo(withoutUuids(expected));
            AuditEvent decision = awaitAuditEventNaming(hookInstance);
            assertThat(decision.getSubtypeFirstRep().getCode()).isEqualTo("order-sign");
            assertThat(decision.getEntity()).anySatisfy(entity -> {
                assertThat(entity.getName()).isEqualTo("Patient/" + scenario.patientId());
                assertThat(entity.getWhat().getReference()).isEqualTo("Patient/" + scenario.patientId());
            });
            assertThat(decision.getOutcomeDesc()).startsWith("order-sign for Patient/" + scenario.patientId());
        }
    }

    @Test
    void withFullPrefetchANodeWithoutStoreAnswersAsTheServerAndLogsItsAudit() {
        HookClient cdsOnly = new HookClient(prefetchOnly.port());
        for (String id : List.of("nab-high", "inhibitor-twice")) {
            ObjectNode request = server.orderSign(Scenarios.byId(id));
            server.addPrefetch(request, CdsServiceCatalog.ORDER_SIGN_ID);

            JsonNode expected = answer(server, request);
            JsonNode actual = answer(cdsOnly, request);

            assertThat(withoutUuids(actual)).as(id).isEqualTo(withoutUuids(expected));
            assertThat(prefetchOnly.logText()).contains(request.get("hookInstance").asText());
        }
    }

    private static JsonNode answer(HookClient client, ObjectNode request) {
        HookClient.Response response = client.post(SIGN, request.toString());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    /** The answer without what is fresh in every answer: card and suggestion uuids, the CRD coverage assertion id. */
    private static JsonNode withoutUuids(JsonNode answer) {
        JsonNode copy = answer.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node.isObject()) {
            ((ObjectNode) node).remove("uuid");
            if ("coverage-assertion-id".equals(node.path("url").asText())) {
                ((ObjectNode) node).remove("valueString");
            }
        }
        for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
            strip(children.next());
        }
    }

    private AuditEvent awaitAuditEventNaming(String name) throws InterruptedException {
        Instant deadline = Instant.now().plus(AUDIT_ARRIVAL_LIMIT);
        while (true) {
            HttpResponse<String> response = fhirGet("AuditEvent?entity-name=" + name);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            Bundle found = parse(Bundle.class, response);
            if (!found.getEntry().isEmpty()) {
                assertThat(found.getEntry()).hasSize(1);
                return (AuditEvent) found.getEntryFirstRep().getResource();
            }
            assertThat(Instant.now()).as("AuditEvent naming " + name + " on the store").isBefore(deadline);
            Thread.sleep(200);
        }
    }
}
