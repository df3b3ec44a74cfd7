package org.genegate.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The EHR's FHIR server is played by the JDK's HTTP server on a loopback port: what RemoteFhirQuery reads is real
 * HTTP with real FHIR JSON, parsed as it would be from an EHR.
 */
class RemoteFhirQueryTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    /** Path and query (as sent, still encoded) → status and body. */
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<HttpExchangeSeen> seen = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private String base;

    private record Answer(int status, String body) {
    }

    private record HttpExchangeSeen(String pathAndQuery, String authorization, String accept) {
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/fhir", this::answer);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort() + "/fhir";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String pathAndQuery = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        seen.add(new HttpExchangeSeen(pathAndQuery, exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("Accept")));
        Answer answer = answers.getOrDefault(pathAndQuery, new Answer(404, json(new OperationOutcome())));
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
        exchange.sendResponseHeaders(answer.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private RemoteFhirQuery query(String token) {
        return new RemoteFhirQuery(HttpClient.newHttpClient(), FHIR, base + "/", token, Duration.ofSeconds(5));
    }

    private static String json(Resource resource) {
        return FHIR.newJsonParser().encodeResourceToString(resource);
    }

    private static Observation observation(String id) {
        Observation observation = new Observation();
        observation.setId(id);
        return observation;
    }

    @Test
    void aSearchIsReadOverAllItsPagesWithTheBearerToken() throws Exception {
        Bundle first = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        first.addEntry().setResource(observation("o1"));
        first.addEntry().setResource(new OperationOutcome());
        first.addLink().setRelation(Bundle.LINK_NEXT).setUrl(base + "?_getpages=abc&_offset=1");
        Bundle second = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        second.addEntry().setResource(observation("o2"));
        answers.put("/fhir/Observation?patient=p1&code=http%3A%2F%2Floinc.org%7C3185-6", new Answer(200, json(first)));
        answers.put("/fhir?_getpages=abc&_offset=1", new Answer(200, json(second)));

        List<Resource> resources = query("token-1").run("Observation?patient=p1&code=http://loinc.org|3185-6");

        // The search warning (an OperationOutcome entry) is not record data.
        assertThat(resources).extracting(r -> r.getIdElement().getIdPart()).containsExactly("o1", "o2");
        assertThat(seen).hasSize(2).allSatisfy(request -> {
            assertThat(request.authorization()).isEqualTo("Bearer token-1");
            assertThat(request.accept()).isEqualTo("application/fhir+json");
        });
    }

    @Test
    void aReadYieldsTheOneResourceAndNoTokenIsSentWithoutOne() throws Exception {
        Patient patient = new Patient();
        patient.setId("p1");
        answers.put("/fhir/Patient/p1", new Answer(200, json(patient)));

        assertThat(query(null).run("Patient/p1")).singleElement().isInstanceOf(Patient.class);
        assertThat(seen.get(0).authorization()).isNull();
    }

    @Test
    void aNextLinkToAnotherServerIsNotFollowed() {
        Bundle first = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        first.addLink().setRelation(Bundle.LINK_NEXT).setUrl("http://attacker.example/fhir?page=2");
        answers.put("/fhir/Condition?patient=p1", new Answer(200, json(first)));

        assertThatThrownBy(() -> query("token-1").run("Condition?patient=p1"))
                .isInstanceOf(FhirQueryException.class).hasMessageContaining("outside the FHIR server");
        assertThat(seen).hasSize(1);
    }

    @Test
    void errorsOperationOutcomesAndNonFhirAnswersAreFaultsWithTheirReason() {
        answers.put("/fhir/Condition?patient=p1", new Answer(500, "{}"));
        answers.put("/fhir/Procedure?patient=p1", new Answer(200, json(new OperationOutcome())));
        answers.put("/fhir/Encounter?patient=p1", new Answer(200, "<html>login</html>"));
        RemoteFhirQuery query = query("token-1");

        assertThatThrownBy(() -> query.run("Condition?patient=p1")).isInstanceOf(FhirQueryException.class)
                .hasMessageContaining("HTTP 500");
        assertThatThrownBy(() -> query.run("Procedure?patient=p1")).isInstanceOf(FhirQueryException.class)
                .hasMessageContaining("OperationOutcome");
        assertThatThrownBy(() -> query.run("Encounter?patient=p1")).isInstanceOf(FhirQueryException.class)
                .hasMessageContaining("not FHIR JSON");
    }

    @Test
    void anUnknownResourceIsAFaultNamingTheStatus() {
        assertThatThrownBy(() -> query("token-1").run("Patient/nobody")).isInstanceOf(FhirQueryException.class)
                .hasMessageContaining("HTTP 404");
    }
}
