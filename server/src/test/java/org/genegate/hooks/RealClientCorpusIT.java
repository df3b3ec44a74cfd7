package org.genegate.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.genegate.server.AbstractServerIT;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real-client corpus ({@code real-clients/}): hook requests shaped exactly as public clients send them (the CDS
 * Hooks sandbox, the spec's examples, Inferno's CRD kit, the Da Vinci CRD request generator and IG, HAPI's CDS Hooks
 * module, Epic-style data), adapted to a Hemgenix order for a patient who must be reviewed. Each is posted over HTTP
 * to the real server and its answer compared with the expectation written beside it ({@code <name>.expected.json}):
 * status, the findings that must be on the cards (gate → status), text the card details must contain, and whether
 * {@code systemActions} is absent, empty or holds the coverage-information update. The README of each source folder
 * names the repository, path and commit each shape was read from.
 */
class RealClientCorpusIT extends AbstractServerIT {

    private static final String ROOT = "real-clients/";

    static Stream<String> fixtures() {
        List<String> names = new ArrayList<>();
        for (String line : resource(ROOT + "index.txt").split("\\R")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.strip());
            }
        }
        return names.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void everyRealClientShapeIsAnsweredAsWrittenDown(String fixture) {
        HookClient client = new HookClient(port);
        JsonNode expected = HookClient.read(resource(ROOT + fixture + ".expected.json"));
        for (JsonNode serverResource : expected.path("serverResources")) {
            HookClient.Response stored = client.put("/fhir/" + serverResource.get("resourceType").asText() + "/"
                    + serverResource.get("id").asText(), serverResource.toString());
            assertThat(stored.status()).as(stored.body()).isBetween(200, 201);
        }
        String body = resource(ROOT + fixture + ".json").replace("{{fhirServer}}", client.fhirBase());

        HookClient.Response response = client.post("/cds-services/" + expected.get("service").asText(), body);

        assertThat(response.status()).as(response.body()).isEqualTo(expected.get("status").asInt());
        JsonNode answer = response.json();
        assertThat(answer.get("cards")).as("never an empty answer for a Hemgenix order").isNotEmpty();
        HookAssertions.assertWellFormed(answer);
        Map<String, String> findings = HookAssertions.findings(answer);
        Iterator<Map.Entry<String, JsonNode>> wanted = expected.get("findings").fields();
        while (wanted.hasNext()) {
            Map.Entry<String, JsonNode> finding = wanted.next();
            assertThat(findings).as(answer.toString()).containsEntry(finding.getKey(), finding.getValue().asText());
        }
        StringBuilder details = new StringBuilder();
        answer.get("cards").forEach(card -> details.append(card.path("detail").asText()).append('\n'));
        for (JsonNode text : expected.path("detailContains")) {
            assertThat(details.toString()).contains(text.asText());
        }
        switch (expected.get("systemActions").asText()) {
            case "absent" -> assertThat(answer.has("systemActions")).as(answer.toString()).isFalse();
            case "empty" -> assertThat(answer.get("systemActions")).as(answer.toString()).isEmpty();
            default -> assertThat(answer.get("systemActions")).as(answer.toString()).isNotEmpty();
        }
    }

    private static String resource(String path) {
        try (InputStream in = RealClientCorpusIT.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
