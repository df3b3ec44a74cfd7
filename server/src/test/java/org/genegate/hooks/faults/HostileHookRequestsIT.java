package org.genegate.hooks.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.genegate.hooks.CdsServiceCatalog;
import org.genegate.hooks.HookClient;
import org.genegate.profiles.Scenarios;
import org.genegate.server.AbstractServerIT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Hostile input: at least 500 generated malformed or hostile calls to the CDS endpoints, each of which must be
 * refused with its 4xx and an OperationOutcome, never a 5xx and never a 200. Prints the statuses seen.
 */
class HostileHookRequestsIT extends AbstractServerIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<String, Integer> STATUSES = new ConcurrentHashMap<>();

    @TestFactory
    Stream<DynamicTest> everyHostileRequestIsRefusedWithAnOperationOutcome() {
        HookClient client = new HookClient(port);
        ObjectNode valid = client.orderSign(Scenarios.byId("eligible"));
        ObjectNode validNoPrefetch = valid.deepCopy();
        client.addPrefetch(valid, CdsServiceCatalog.ORDER_SIGN_ID);
        assertThat(client.post(HostileRequests.SIGN, valid.toString()).status())
                .as("the request every hostile one is made from is valid").isEqualTo(200);
        List<HostileRequest> requests = new HostileRequests(valid, validNoPrefetch).all();
        assertThat(requests).hasSizeGreaterThanOrEqualTo(500);
        return requests.stream().map(r -> DynamicTest.dynamicTest(r.toString(), () -> assertRefused(r)));
    }

    @Test
    void aBodyJustUnderTheLimitIsAnswered() {
        HookClient client = new HookClient(port);
        ObjectNode request = client.orderSign(Scenarios.byId("nab-high"));
        String padded = HostileRequests.padded(request, HostileRequests.LIMIT);

        HookClient.Response response = client.post(HostileRequests.SIGN, padded);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("cards")).isNotEmpty();
    }

    @Test
    void jsonAnswersWhateverTheAcceptHeader() throws Exception {
        HookClient client = new HookClient(port);
        for (String accept : List.of("application/fhir+json", "application/xml", "*/*", "text/html")) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base() + HostileRequests.SIGN))
                    .header("Content-Type", "application/json").header("Accept", accept)
                    .POST(HttpRequest.BodyPublishers.ofString(client.orderSign(Scenarios.byId("eligible")).toString()))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(accept).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        }
    }

    @AfterAll
    static void printStatuses() {
        int total = STATUSES.values().stream().mapToInt(Integer::intValue).sum();
        System.out.println("Hostile hook requests: " + total + " sent, statuses " + new TreeMap<>(STATUSES));
    }

    private void assertRefused(HostileRequest request) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher body = request.chunked()
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(request.body()))
                : HttpRequest.BodyPublishers.ofByteArray(request.body());
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base() + request.path()))
                .timeout(Duration.ofSeconds(30))
                .method(request.method(), request.body().length == 0 && !request.method().equals("POST")
                        ? HttpRequest.BodyPublishers.noBody() : body);
        if (request.contentType() != null) {
            builder.header("Content-Type", request.contentType());
        }
        HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        STATUSES.merge(String.valueOf(response.statusCode()), 1, Integer::sum);

        assertThat(response.statusCode()).as("%s answered %s", request, abbreviate(response.body()))
                .isEqualTo(request.expectedStatus());
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode outcome = HookClient.read(response.body());
        assertThat(outcome.path("resourceType").asText()).isEqualTo("OperationOutcome");
        assertThat(outcome.at("/issue/0/severity").asText()).isEqualTo("error");
        assertThat(outcome.at("/issue/0/diagnostics").asText()).isNotBlank();
        if (request.expectedStatus() == 405) {
            assertThat(response.headers().firstValue("Allow")).isPresent();
        }
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private static String abbreviate(String body) {
        return body.length() <= 400 ? body : body.substring(0, 400) + "...";
    }
}
