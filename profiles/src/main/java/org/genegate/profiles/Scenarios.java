package org.genegate.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scenario patients shipped in this jar ({@code scenarios/index.json} plus one transaction
 * bundle and one draft-orders bundle per scenario). Loaded once; a missing file fails loudly so a
 * broken manifest cannot shrink the acceptance suite unnoticed.
 *
 * <p>Every scenario is seen on the {@link #loadDay() load day}: its bundles come with their dates moved from the
 * scenario's written visit to that day ({@link ScenarioDates}), so the demo server and every test that posts a
 * scenario's record or orders see the same dates.
 */
public final class Scenarios {

    /** Classpath folder of the manifest and the bundles. */
    public static final String FOLDER = "scenarios/";
    public static final String INDEX = FOLDER + "index.json";

    /** Read once; a failed read is retried on the next call so its cause is reported each time. */
    private static volatile List<Scenario> loaded;

    /** The day the scenarios are seen on: today (UTC) when they were first read in this process. */
    private static final LocalDate LOAD_DAY = LocalDate.now(ZoneOffset.UTC);

    private Scenarios() {
    }

    /** The day every scenario's visit is moved to. */
    public static LocalDate loadDay() {
        return LOAD_DAY;
    }

    /** Every scenario, in manifest order. */
    public static List<Scenario> all() {
        List<Scenario> scenarios = loaded;
        if (scenarios == null) {
            synchronized (Scenarios.class) {
                scenarios = loaded;
                if (scenarios == null) {
                    scenarios = load();
                    loaded = scenarios;
                }
            }
        }
        return scenarios;
    }

    /**
     * The scenario with this id.
     *
     * @throws IllegalArgumentException for an unknown id
     */
    public static Scenario byId(String id) {
        for (Scenario scenario : all()) {
            if (scenario.id().equals(id)) {
                return scenario;
            }
        }
        throw new IllegalArgumentException("Unknown scenario " + id);
    }

    private static List<Scenario> load() {
        JsonNode index;
        try {
            index = new ObjectMapper().readTree(read(INDEX));
        } catch (IOException e) {
            throw new IllegalStateException("Scenario manifest " + INDEX + " is not valid JSON", e);
        }
        if (!index.isArray()) {
            throw new IllegalStateException("Scenario manifest " + INDEX + " must be a JSON array");
        }
        List<Scenario> scenarios = new ArrayList<>();
        for (JsonNode entry : index) {
            ScenarioDates dates = new ScenarioDates(LocalDate.parse(required(entry, "visitDate")), LOAD_DAY);
            scenarios.add(new Scenario(
                    required(entry, "id"),
                    required(entry, "title"),
                    required(entry, "patientId"),
                    required(entry, "encounterId"),
                    required(entry, "userId"),
                    dates.shiftJson(read(FOLDER + required(entry, "bundle"))),
                    dates.shiftJson(read(FOLDER + required(entry, "orders"))),
                    findings(entry.path("expectedFindings")),
                    cards(entry.path("expectedCards")),
                    entry.path("notes").asText(""),
                    cards(entry.path("expectedPatientViewCards")),
                    dates));
        }
        return List.copyOf(scenarios);
    }

    private static String required(JsonNode entry, String field) {
        JsonNode value = entry.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalStateException("Scenario " + entry.path("id").asText("?") + " lacks '" + field + "'");
        }
        return value.asText();
    }

    private static Map<String, String> findings(JsonNode node) {
        Map<String, String> findings = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            findings.put(field.getKey(), field.getValue().asText());
        }
        return findings;
    }

    private static List<String> cards(JsonNode node) {
        List<String> cards = new ArrayList<>();
        for (JsonNode card : node) {
            cards.add(card.asText());
        }
        return cards;
    }

    private static String read(String path) {
        try (InputStream in = Scenarios.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Scenario file " + path + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Scenario file " + path + " could not be read", e);
        }
    }
}
