package org.genegate.cdsapp;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The audit sender against a small HTTP server standing in for the FHIR store. */
@ExtendWith(OutputCaptureExtension.class)
class StoreAuditEventSenderTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    /** One request as the store saw it. */
    private record Received(String path, String authorization, String body) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer store;

    @AfterEach
    void stopStore() {
        if (store != null) {
            store.stop(0);
        }
    }

    /** A store answering each request with the status {@code answer} gives for it (seeing earlier requests too). */
    private String storeAnswering(Function<Received, Integer> answer) throws IOException {
        store = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        store.createContext("/fhir", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                Received request = new Received(exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Authorization"),
                        new String(in.readAllBytes(), StandardCharsets.UTF_8));
                received.add(request);
                byte[] body = "{\"resourceType\":\"OperationOutcome\"}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(answer.apply(request), body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        store.start();
        return "http://127.0.0.1:" + store.getAddress().getPort() + "/fhir";
    }

    private static StoreAuditEventSender sender(String storeUrl, String token, int attempts) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return new StoreAuditEventSender(http, FHIR, storeUrl, token, 100, attempts, Duration.ofSeconds(5),
                Duration.ofMillis(1));
    }

    private static AuditEvent event(String description) {
        AuditEvent event = new AuditEvent().setOutcomeDesc(description);
        event.addEntity().setName("Patient/p1").setWhat(new Reference("Patient/p1")
                .setIdentifier(new Identifier().setValue("p1")).setDisplay("Patient/p1"));
        return event;
    }

    @Test
    void everyEventIsPostedToTheStoresAuditEndpointInOrderAndClosingDrainsTheQueue() throws IOException {
        String url = storeAnswering(request -> 201);
        StoreAuditEventSender sender = sender(url, "store-token", 1);

        for (int i = 0; i < 30; i++) {
            sender.write(event("decision " + i));
        }
        sender.close();

        assertThat(sender.counts()).isEqualTo(new StoreAuditEventSender.Counts(30, 0, 0));
        assertThat(received).hasSize(30).allSatisfy(request -> {
            assertThat(request.path()).isEqualTo("/fhir/AuditEvent");
            assertThat(request.authorization()).isEqualTo("Bearer store-token");
        });
        for (int i = 0; i < 30; i++) {
            AuditEvent sent = FHIR.newJsonParser().parseResource(AuditEvent.class, received.get(i).body());
            assertThat(sent.getOutcomeDesc()).isEqualTo("decision " + i);
        }
    }

    @Test
    void aStoreThatIsBusyForAWhileGetsTheEventAgain() throws IOException {
        String url = storeAnswering(request -> received.size() <= 2 ? 503 : 201);
        StoreAuditEventSender sender = sender(url, null, 5);

        sender.write(event("decision"));
        sender.close();

        assertThat(sender.counts().delivered()).isEqualTo(1);
        assertThat(received).hasSize(3).allSatisfy(request -> assertThat(request.authorization()).isNull());
    }

    @Test
    void aStoreThatDoesNotHoldThePatientGetsTheEventWithThePatientNamedByIdentifierOnly() throws IOException {
        String url = storeAnswering(request -> request.body().contains("\"reference\":\"Patient/p1\"") ? 400 : 201);
        StoreAuditEventSender sender = sender(url, null, 5);

        sender.write(event("prefetched patient"));
        sender.close();

        assertThat(sender.counts().delivered()).isEqualTo(1);
        assertThat(received).hasSize(2);
        AuditEvent stored = FHIR.newJsonParser().parseResource(AuditEvent.class, received.get(1).body());
        assertThat(stored.getEntityFirstRep().getWhat().hasReference()).isFalse();
        assertThat(stored.getEntityFirstRep().getWhat().getIdentifier().getValue()).isEqualTo("p1");
    }

    @Test
    void anEventTheStoreNeverTakesIsLoggedInFullAfterTheLastAttempt(CapturedOutput output) throws IOException {
        String url = storeAnswering(request -> 503);
        StoreAuditEventSender sender = sender(url, null, 3);

        sender.write(event("refused decision 7f3c"));
        sender.close();

        assertThat(sender.counts()).isEqualTo(new StoreAuditEventSender.Counts(0, 1, 0));
        assertThat(received).hasSize(3);
        assertThat(output.getOut()).contains("AuditEvent could not be delivered to " + url + "/AuditEvent (HTTP 503")
                .contains("\"outcomeDesc\":\"refused decision 7f3c\"");
    }

    @Test
    void aRefusalThatRetryingCannotMendIsNotRetried(CapturedOutput output) throws IOException {
        String url = storeAnswering(request -> 403);
        StoreAuditEventSender sender = sender(url, "wrong-token", 5);
        AuditEvent event = new AuditEvent().setOutcomeDesc("no local references");

        sender.write(event);
        sender.close();

        assertThat(sender.counts().undeliverable()).isEqualTo(1);
        assertThat(received).hasSize(1);
        assertThat(output.getOut()).contains("(HTTP 403").contains("no local references");
    }

    @Test
    void aStoreThatDoesNotAnswerIsTriedAgainAndTheEventLogged(CapturedOutput output) throws IOException {
        String url = storeAnswering(request -> 201);
        store.stop(0);
        store = null;
        StoreAuditEventSender sender = sender(url, null, 2);

        sender.write(event("store down"));
        sender.close();

        assertThat(sender.counts().undeliverable()).isEqualTo(1);
        assertThat(output.getOut()).contains("AuditEvent could not be delivered").contains("ConnectException")
                .contains("store down");
    }
}
