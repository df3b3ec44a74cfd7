package org.genegate.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.genegate.profiles.Scenario;
import org.genegate.profiles.Scenarios;
import org.genegate.server.AbstractServerIT;
import org.genegate.server.audit.AuditEventBatchWriter;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * How real clients call: service URLs with a trailing slash, gzip-encoded bodies, and the audit searches the
 * documentation gives, answered by the running server over HTTP.
 */
class RealClientRequestsIT extends AbstractServerIT {

    private static final String SIGN = "/cds-services/" + CdsServiceCatalog.ORDER_SIGN_ID;

    @Autowired
    private AuditEventBatchWriter auditWriter;

    private HookClient client;

    @BeforeEach
    void client() {
        client = new HookClient(port);
    }

    @Test
    void aHookUrlWithATrailingSlashIsTheSameService() {
        HookClient.Response response = client.post(SIGN + "/", client.orderSign(Scenarios.byId("nab-high")).toString());

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        String card = response.json().get("cards").get(0).get("uuid").asText();
        HookClient.Response feedback = client.post(SIGN + "/feedback/",
                CdsHooksSpecIT.feedback("overridden", "", card));
        assertThat(feedback.status()).as(feedback.body()).isEqualTo(200);
        assertThat(client.get("/cds-services/").status()).isEqualTo(200);
    }

    @Test
    void aGzipEncodedRequestIsDecodedAndAnswered() {
        String body = client.orderSign(Scenarios.byId("pediatric")).toString();

        HttpResponse<String> gzipped = post(SIGN, gzip(body.getBytes(StandardCharsets.UTF_8)), "gzip");

        assertThat(gzipped.statusCode()).as(gzipped.body()).isEqualTo(200);
        JsonNode cards = HookClient.read(gzipped.body()).get("cards");
        assertThat(cards).isNotEmpty();
        assertThat(cards.get(0).get("indicator").asText()).isEqualTo("critical");
    }

    @Test
    void aGzipBombIs413AfterTheDecodedLimit() {
        // About 6 MB of JSON whitespace compresses to a few kB; the 5 MB limit is on what it decodes to.
        byte[] inflated = ("{" + " ".repeat(6 * 1024 * 1024) + "}").getBytes(StandardCharsets.US_ASCII);
        byte[] bomb = gzip(inflated);
        assertThat(bomb.length).isLessThan(64 * 1024);

        HttpResponse<String> response = post(SIGN, bomb, "gzip");

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(outcome(response).getIssueFirstRep().getDiagnostics()).contains("larger than");
    }

    @Test
    void anEncodingGeneGateDoesNotDecodeIs415AndBrokenGzipIs400() {
        byte[] body = client.orderSign(Scenarios.byId("eligible")).toString().getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> brotli = post(SIGN, body, "br");
        assertThat(brotli.statusCode()).isEqualTo(415);
        assertThat(outcome(brotli).getIssueFirstRep().getDiagnostics()).contains("Content-Encoding br");

        HttpResponse<String> notGzip = post(SIGN, body, "gzip");
        assertThat(notGzip.statusCode()).isEqualTo(400);
        assertThat(outcome(notGzip).getIssueFirstRep().getDiagnostics()).contains("not valid gzip");
    }

    @Test
    void theDocumentedAuditQueriesFindTheDecision() {
        Scenario scenario = Scenarios.byId("nab-high");
        ObjectNode request = client.orderSign(scenario);
        String hookInstance = request.get("hookInstance").asText();
        String card = client.post(SIGN, request.toString()).json().get("cards").get(0).get("uuid").asText();

        // README: AuditEvent?entity-name:exact=<card uuid> and AuditEvent?patient=Patient/<id>.
        assertThat(auditEvents("entity-name:exact=" + card)).extracting(e -> e.getType().getCode())
                .containsExactly("hook-decision");
        assertThat(auditEvents("patient=Patient/" + scenario.patientId() + "&entity-name:exact=" + hookInstance))
                .hasSize(1);
        assertThat(auditEvents("patient=Patient/not-" + scenario.patientId() + "&entity-name:exact=" + hookInstance))
                .isEmpty();
    }

    @Test
    void aPatientOfTheEhrsServerIsFoundByItsAbsoluteReference() {
        Scenario scenario = Scenarios.byId("eligible");
        ObjectNode request = client.orderSign(scenario);
        client.addPrefetch(request, CdsServiceCatalog.ORDER_SIGN_ID);
        String ehr = "https://ehr.example.org/fhir";
        request.put("fhirServer", ehr);
        String hookInstance = request.get("hookInstance").asText();

        assertThat(client.post(SIGN, request.toString()).status()).isEqualTo(200);

        AuditEvent decision = auditEvents("patient=" + ehr + "/Patient/" + scenario.patientId()
                + "&entity-name:exact=" + hookInstance).get(0);
        assertThat(decision.getEntity()).anySatisfy(e -> assertThat(e.getWhat().getReference())
                .isEqualTo(ehr + "/Patient/" + scenario.patientId()));
    }

    private List<AuditEvent> auditEvents(String query) {
        assertThat(auditWriter.awaitWritten(Duration.ofSeconds(30))).isTrue();
        HttpResponse<String> response = fhirGet("AuditEvent?" + query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return parse(Bundle.class, response).getEntry().stream().map(e -> (AuditEvent) e.getResource()).toList();
    }

    private HttpResponse<String> post(String path, byte[] body, String contentEncoding) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .header("Content-Encoding", contentEncoding)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private OperationOutcome outcome(HttpResponse<String> response) {
        return parse(OperationOutcome.class, response);
    }

    private static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
