package org.genegate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.genegate.hooks.CdsServiceCatalog;
import org.genegate.hooks.HookAssertions;
import org.genegate.hooks.HookClient;
import org.genegate.profiles.Scenario;
import org.genegate.profiles.Scenarios;

/**
 * The requests the benchmark and the stress run send, built once per run from the scenario patients the
 * server has loaded: discovery, order-sign with the full prefetch (fetched from the server's own FHIR
 * endpoint, as an EHR would from its own), order-sign without prefetch (the service reads its store),
 * and transaction bundles for ingest.
 */
public final class HookCalls {

    /** Resources in one ingest transaction: a Patient and its Observations. */
    public static final int INGEST_BUNDLE_SIZE = 50;

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String SIGN = "/cds-services/" + CdsServiceCatalog.ORDER_SIGN_ID;
    /** How a hook answer starts; HAPI's CDS Hooks module (the plain HAPI baseline) indents its JSON. */
    private static final Pattern CARDS = Pattern.compile("\\{\\s*\"cards\"\\s*:");
    /** No cards and no system actions: the answer to an order that is not for a gated product. */
    private static final Pattern NO_CARDS = Pattern.compile(
            "\\{\\s*\"cards\"\\s*:\\s*\\[\\s*]\\s*(,\\s*\"systemActions\"\\s*:\\s*\\[\\s*]\\s*)?}\\s*");

    private final String hookBase;
    private final String fhirBase;
    private final HookClient client;

    public HookCalls(int port) {
        this(port, port);
    }

    /**
     * @param fhirPort the GeneGate server whose FHIR endpoint fills prefetch and takes ingest
     * @param hookPort where the hooks go: the same server, a CDS-only node reading it as its store, or plain HAPI
     *                 (whose trivial service has the same id)
     */
    public HookCalls(int fhirPort, int hookPort) {
        this.hookBase = "http://localhost:" + hookPort;
        this.fhirBase = "http://localhost:" + fhirPort + "/fhir";
        this.client = new HookClient(fhirPort);
    }

    public List<LoadRun.Call> discovery() {
        return List.of(LoadRun.Call.expecting200("discovery", get("/cds-services")));
    }

    /**
     * @param checkFindings parse each answer and compare its findings with the scenario's expectation (the
     *                      stress run does; the benchmark only checks the status and looks for "could not
     *                      verify", so the client spends less of the shared CPU)
     */
    public List<LoadRun.Call> orderSignWithPrefetch(boolean checkFindings) {
        List<LoadRun.Call> calls = new ArrayList<>();
        for (Scenario scenario : Scenarios.all()) {
            ObjectNode request = client.orderSign(scenario);
            client.addPrefetch(request, CdsServiceCatalog.ORDER_SIGN_ID);
            calls.add(hook("prefetch " + scenario.id(), request, scenario, checkFindings));
        }
        return calls;
    }

    public List<LoadRun.Call> orderSignFromStore(boolean checkFindings) {
        List<LoadRun.Call> calls = new ArrayList<>();
        for (Scenario scenario : Scenarios.all()) {
            calls.add(hook("store " + scenario.id(), client.orderSign(scenario), scenario, checkFindings));
        }
        return calls;
    }

    /**
     * Order-sign for a drug that is no gene therapy (amlodipine), with the scenarios' full prefetch, as an EHR
     * sends it to every service listening on order-sign: the answer is no cards, and its cost is the service's
     * floor for a call it has nothing to say about.
     */
    public List<LoadRun.Call> orderSignOtherDrug() {
        List<LoadRun.Call> calls = new ArrayList<>();
        for (Scenario scenario : Scenarios.all().subList(0, 5)) {
            ObjectNode request = client.orderSign(scenario);
            for (JsonNode entry : request.path("context").path("draftOrders").path("entry")) {
                ObjectNode order = HookClient.JSON.createObjectNode();
                order.put("resourceType", "MedicationRequest").put("id", "amlodipine-" + scenario.id())
                        .put("status", "draft").put("intent", "order");
                order.putObject("medicationCodeableConcept").putArray("coding").addObject()
                        .put("system", "http://www.nlm.nih.gov/research/umls/rxnorm").put("code", "197361")
                        .put("display", "amlodipine 5 MG Oral Tablet");
                order.putObject("subject").put("reference", "Patient/" + scenario.patientId());
                ((ObjectNode) entry).set("resource", order);
            }
            client.addPrefetch(request, CdsServiceCatalog.ORDER_SIGN_ID);
            calls.add(sign("other drug " + scenario.id(), request,
                    body -> NO_CARDS.matcher(body).matches() ? LoadRun.Verdict.RIGHT : LoadRun.Verdict.WRONG));
        }
        return calls;
    }

    /** Transaction bundles creating a new Patient with Observations each time they are posted. */
    public List<LoadRun.Call> ingest() {
        List<LoadRun.Call> calls = new ArrayList<>();
        for (int variant = 0; variant < 4; variant++) {
            calls.add(new LoadRun.Call("ingest", HttpRequest.newBuilder(URI.create(fhirBase))
                    .timeout(TIMEOUT)
                    .header("Content-Type", "application/fhir+json")
                    .header("Accept", "application/fhir+json")
                    .header("Prefer", "return=minimal")
                    .POST(HttpRequest.BodyPublishers.ofString(ingestBundle(variant).toString())).build(),
                    200, body -> LoadRun.Verdict.RIGHT));
        }
        return calls;
    }

    private LoadRun.Call hook(String label, ObjectNode request, Scenario scenario, boolean checkFindings) {
        Function<String, LoadRun.Verdict> check = checkFindings
                ? body -> verdict(HookAssertions.findings(HookClient.read(body)), scenario.expectedFindings())
                : body -> !CARDS.matcher(body).lookingAt() ? LoadRun.Verdict.WRONG
                        // No scenario expects "could not verify": it means a part was not had in time.
                        : body.contains("\"COULD_NOT_VERIFY\"") ? LoadRun.Verdict.DEGRADED : LoadRun.Verdict.RIGHT;
        return sign(label, request, check);
    }

    private LoadRun.Call sign(String label, ObjectNode request, Function<String, LoadRun.Verdict> check) {
        return new LoadRun.Call(label, HttpRequest.newBuilder(URI.create(hookBase + SIGN))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.toString())).build(), 200, check);
    }

    /**
     * Right when the findings are the scenario's; degraded when they differ only where a gate could not verify
     * (safe: never a pass); wrong otherwise.
     */
    static LoadRun.Verdict verdict(Map<String, String> actual, Map<String, String> expected) {
        if (actual.equals(expected)) {
            return LoadRun.Verdict.RIGHT;
        }
        Set<String> gates = new HashSet<>(actual.keySet());
        gates.addAll(expected.keySet());
        for (String gate : gates) {
            String got = actual.get(gate);
            if (!Objects.equals(got, expected.get(gate)) && !"COULD_NOT_VERIFY".equals(got)) {
                return LoadRun.Verdict.WRONG;
            }
        }
        return LoadRun.Verdict.DEGRADED;
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create(hookBase + path)).timeout(TIMEOUT).GET().build();
    }

    private static JsonNode ingestBundle(int variant) {
        ObjectNode bundle = HookClient.JSON.createObjectNode();
        bundle.put("resourceType", "Bundle").put("type", "transaction");
        ArrayNode entries = bundle.putArray("entry");
        String patientUrl = "urn:uuid:" + UUID.randomUUID();
        ObjectNode patientEntry = entries.addObject().put("fullUrl", patientUrl);
        patientEntry.putObject("resource").put("resourceType", "Patient").put("gender", "male")
                .put("birthDate", "1980-01-0" + (variant + 1))
                .putArray("name").addObject().put("family", "Ingest").putArray("given").add("Bench" + variant);
        patientEntry.putObject("request").put("method", "POST").put("url", "Patient");
        for (int i = 1; i < INGEST_BUNDLE_SIZE; i++) {
            ObjectNode entry = entries.addObject().put("fullUrl", "urn:uuid:" + UUID.randomUUID());
            ObjectNode observation = entry.putObject("resource");
            observation.put("resourceType", "Observation").put("status", "final");
            observation.putObject("code").putArray("coding").addObject().put("system", "http://loinc.org")
                    .put("code", "3185-6").put("display", "Factor IX activity");
            observation.putObject("subject").put("reference", patientUrl);
            observation.put("effectiveDateTime", String.format("2026-%02d-%02d", 1 + i % 12, 1 + i % 28));
            observation.putObject("valueQuantity").put("value", 1 + i % 5).put("unit", "%")
                    .put("system", "http://unitsofmeasure.org").put("code", "%");
            entry.putObject("request").put("method", "POST").put("url", "Observation");
        }
        return bundle;
    }
}
