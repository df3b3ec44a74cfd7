package org.genegate.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.parser.DataFormatException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.genegate.profiles.ConformanceValidator;
import org.genegate.profiles.Scenario;
import org.genegate.profiles.Scenarios;
import org.genegate.server.AbstractServerIT;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Repeats, over HTTP against the running server, every check of Inferno's Da Vinci CRD 2.0.1 server suite
 * (as listed in shared/conformance/README.md; Inferno itself cannot run here). Every call carries a JWT
 * signed as Inferno signs it (ES384 and RS384 in turn, with its published TEST keys).
 *
 * <p>Requests: Inferno's own example bodies for order-select and order-sign (orders for other drugs, which
 * GeneGate does not gate: they get no cards and, on order-sign, an empty systemActions array), and the same
 * Inferno bodies carrying each scenario's Hemgenix order instead, read from this server's FHIR endpoint as
 * the request's fhirServer. The Inferno kit comes from shared/conformance beside the checkout; without it
 * the suite is skipped.
 */
class InfernoCrdParityIT extends AbstractServerIT {

    private static final String CRD = "http://hl7.org/fhir/us/davinci-crd/StructureDefinition/";
    private static final String COVERAGE_INFORMATION = CRD + "ext-coverage-information";
    private static final List<JWSAlgorithm> ALGORITHMS = List.of(JWSAlgorithm.ES384, JWSAlgorithm.RS384);
    private static final Set<String> CREATE_ORDER_TYPES = Set.of("CommunicationRequest", "Device", "DeviceRequest",
            "Medication", "MedicationRequest", "NutritionOrder", "ServiceRequest", "VisionPrescription");

    private static InfernoKit kit;
    private static InfernoJwt jwt;
    private static Optional<ConformanceValidator> validator;

    private HookClient client;
    private int calls;

    @BeforeAll
    static void inferno() {
        Optional<InfernoKit> found = InfernoKit.find();
        Assumptions.assumeTrue(found.isPresent(), "Skipped: the Inferno CRD test kit (shared/conformance/"
                + "inferno-crd-test-kit) is not beside this checkout");
        kit = found.get();
        jwt = kit.jwt();
        validator = ConformanceValidator.offline(ca.uhn.fhir.context.FhirContext.forR4Cached());
    }

    @BeforeEach
    void client() {
        client = new HookClient(port);
    }

    // 1. Discovery

    @Test
    void discoveryReturnsServicesWithHookDescriptionAndId() {
        for (boolean authenticated : new boolean[] {false, true}) {
            Map<String, String> headers = new HashMap<>(Map.of("Accept", "application/json"));
            if (authenticated) {
                headers.put("Authorization", "Bearer " + jwt.sign(JWSAlgorithm.ES384, url("/cds-services")));
            }
            HookClient.Response response = client.get("/cds-services", headers);

            assertThat(response.status()).isEqualTo(200);
            JsonNode services = response.json().get("services");
            assertThat(services).isNotNull();
            assertThat(services.isArray()).isTrue();
            assertThat(services).isNotEmpty().allSatisfy(service -> {
                assertThat(service.path("hook").isTextual()).isTrue();
                assertThat(service.path("description").isTextual()).isTrue();
                assertThat(service.path("id").isTextual()).isTrue();
            });
        }
    }

    // 2-3. Each hook with Inferno's own example bodies: 200 JSON, well-formed (empty) responses

    @Test
    void infernoExampleRequestsGetValidResponses() {
        for (String hook : List.of("order-select", "order-sign")) {
            for (JsonNode request : kit.requests(hook)) {
                HookClient.Response response = call(hook, request);

                assertThat(response.status()).as(hook + " " + response.body()).isEqualTo(200);
                JsonNode body = response.json();
                assertResponse(hook, body, request);
                // These orders are not Hemgenix: no cards, and no coverage facts are invented for them.
                assertThat(body.get("cards")).isEmpty();
                assertThat(body.path("systemActions")).isEmpty();
            }
        }
    }

    // 2-5. Each hook with a Hemgenix order in Inferno's request shape; across all hooks, the required types

    @Test
    void hemgenixOrdersInInfernoRequestsPassEveryResponseCheck() {
        int externalReference = 0;
        int instructions = 0;
        int coverageInformation = 0;
        for (String hook : List.of("order-select", "order-sign")) {
            for (Scenario scenario : Scenarios.all()) {
                ObjectNode request = hemgenixRequest(hook, scenario);
                assertRequest(hook, request);
                HookClient.Response response = call(hook, request);

                assertThat(response.status()).as(scenario.id() + " " + response.body()).isEqualTo(200);
                JsonNode body = response.json();
                assertResponse(hook, body, request);
                for (JsonNode card : body.get("cards")) {
                    if (isExternalReference(card)) {
                        externalReference++;
                    }
                    if (isInstructions(card)) {
                        instructions++;
                    }
                }
                if (hook.equals("order-sign")) {
                    List<JsonNode> coverageActions = coverageInformationActions(body);
                    boolean hasCoverage = !scenario.expectedFindings().containsKey("payer");
                    assertThat(coverageActions).as(scenario.id()).hasSize(hasCoverage ? 1 : 0);
                    for (JsonNode action : coverageActions) {
                        assertCoverageInformationAction(action, request);
                        coverageInformation++;
                    }
                }
            }
        }
        assertThat(externalReference).as("external-reference cards across hooks").isPositive();
        assertThat(instructions).as("instructions cards across hooks").isPositive();
        assertThat(coverageInformation).as("coverage-information actions across hooks").isPositive();
    }

    /** An Inferno example request of this hook, carrying the scenario's orders and read from this server. */
    private ObjectNode hemgenixRequest(String hook, Scenario scenario) {
        ObjectNode request = (ObjectNode) kit.requests(hook).get(0).deepCopy();
        request.put("hookInstance", UUID.randomUUID().toString());
        request.put("fhirServer", client.fhirBase());
        request.remove("prefetch");
        ObjectNode context = (ObjectNode) request.get("context");
        context.put("userId", scenario.userId());
        context.put("patientId", scenario.patientId());
        if (scenario.encounterId() != null) {
            context.put("encounterId", scenario.encounterId());
        }
        JsonNode orders = HookClient.read(scenario.ordersJson());
        context.set("draftOrders", orders);
        if (hook.equals("order-select")) {
            context.putArray("selections").add("MedicationRequest/" + orders.at("/entry/0/resource/id").asText());
        }
        return request;
    }

    private HookClient.Response call(String hook, JsonNode request) {
        String path = "/cds-services/" + (hook.equals("order-sign") ? CdsServiceCatalog.ORDER_SIGN_ID
                : CdsServiceCatalog.ORDER_SELECT_ID);
        JWSAlgorithm algorithm = ALGORITHMS.get(calls++ % ALGORITHMS.size());
        return client.post(path, request.toString(), Map.of("Authorization", "Bearer " + jwt.sign(algorithm, url(path))));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Inferno's request checks (on what this suite sends): required fields, context, CRD-valid orders. */
    private void assertRequest(String hook, JsonNode request) {
        assertThat(request.path("hook").asText()).isEqualTo(hook);
        assertThat(UUID.fromString(request.path("hookInstance").asText())).isNotNull();
        assertThat(request.path("context").isObject()).isTrue();
        if (request.has("fhirAuthorization")) {
            assertThat(request.path("fhirServer").asText()).startsWith("http");
        }
        assertThat(request.at("/context/userId").asText()).matches("(Practitioner|PractitionerRole)/[A-Za-z0-9\\-.]+");
        assertThat(request.at("/context/patientId").asText()).doesNotContain("/");
        for (JsonNode entry : request.at("/context/draftOrders/entry")) {
            JsonNode order = entry.get("resource");
            assertThat(order.path("id").asText()).isNotBlank();
            String type = order.get("resourceType").asText();
            validator.ifPresent(v -> assertThat(v.errors(parse(order), CRD + "profile-" + type.toLowerCase(Locale.ROOT)))
                    .isEmpty());
        }
    }

    /** Inferno's response checks: cards and their optional fields, suggestions, actions, systemActions. */
    private void assertResponse(String hook, JsonNode body, JsonNode request) {
        assertThat(body.path("cards").isArray()).isTrue();
        if (hook.equals("order-sign")) {
            assertThat(body.path("systemActions").isArray()).as("systemActions on order-sign").isTrue();
        }
        Set<String> draftOrders = draftOrderReferences(request);
        for (JsonNode card : body.get("cards")) {
            assertThat(card.path("summary").isTextual()).isTrue();
            assertThat(card.path("summary").asText().length()).isLessThan(140);
            assertThat(card.path("indicator").asText()).isIn("info", "warning", "critical");
            assertThat(card.at("/source/label").isTextual()).isTrue();
            assertThat(card.at("/source/topic/system").isTextual()).isTrue();
            assertThat(card.at("/source/topic/code").isTextual()).isTrue();
            assertThat(card.path("uuid").isMissingNode() || card.path("uuid").isTextual()).isTrue();
            assertThat(card.path("detail").isMissingNode() || card.path("detail").isTextual()).isTrue();
            for (JsonNode reason : card.path("overrideReasons")) {
                assertThat(reason.path("code").isTextual() && reason.path("system").isTextual()
                        && reason.path("display").isTextual()).as("override reason " + reason).isTrue();
            }
            for (JsonNode link : card.path("links")) {
                assertThat(link.path("label").isTextual()).isTrue();
                assertThat(link.path("type").asText()).isIn("absolute", "smart");
                assertThat(URI.create(link.path("url").asText()).getScheme()).isIn("http", "https");
                if (link.path("type").asText().equals("absolute")) {
                    assertThat(link.has("appContext")).isFalse();
                }
            }
            if (card.has("suggestions")) {
                assertThat(card.path("selectionBehavior").asText()).isIn("at-most-one", "any");
                boolean additionalOrders = true;
                for (JsonNode suggestion : card.get("suggestions")) {
                    assertThat(suggestion.path("label").isTextual()).isTrue();
                    assertThat(suggestion.path("actions")).isNotEmpty();
                    for (JsonNode action : suggestion.get("actions")) {
                        assertAction(action, draftOrders);
                        additionalOrders &= action.path("type").asText().equals("create")
                                && CREATE_ORDER_TYPES.contains(action.at("/resource/resourceType").asText());
                    }
                }
                if (additionalOrders) {
                    // An "additional orders" card: each new order must meet its CRD profile.
                    for (JsonNode suggestion : card.get("suggestions")) {
                        for (JsonNode action : suggestion.get("actions")) {
                            String type = action.at("/resource/resourceType").asText();
                            validator.ifPresent(v -> assertThat(v.errors(parse(action.get("resource")),
                                    CRD + "profile-" + type.toLowerCase(Locale.ROOT))).isEmpty());
                        }
                    }
                }
            }
        }
        for (JsonNode action : body.path("systemActions")) {
            assertAction(action, draftOrders);
        }
    }

    private void assertAction(JsonNode action, Set<String> draftOrders) {
        String type = action.path("type").asText();
        assertThat(type).isIn("create", "update", "delete");
        assertThat(action.path("description").isTextual()).isTrue();
        if (type.equals("delete")) {
            assertThat(action.path("resourceId").asText()).matches("[A-Za-z]+/[A-Za-z0-9\\-.]+");
            assertThat(draftOrders).contains(action.path("resourceId").asText());
            return;
        }
        IBaseResource resource = parse(action.get("resource"));
        if (type.equals("update")) {
            // A proposed alternate request updates one of the draft orders.
            assertThat(draftOrders).contains(resource.fhirType() + "/" + resource.getIdElement().getIdPart());
        }
    }

    /** CRD 2.0.1 coverage information: update of the whole draft order, required sub-extensions, profile. */
    private void assertCoverageInformationAction(JsonNode action, JsonNode request) {
        assertThat(action.path("type").asText()).isEqualTo("update");
        IBaseResource resource = parse(action.get("resource"));
        validator.ifPresent(v -> assertThat(v.errors(resource, CRD + "profile-medicationrequest")).isEmpty());
        Map<String, Set<String>> assertionIdsByCoverage = new HashMap<>();
        for (JsonNode extension : action.at("/resource/extension")) {
            if (!extension.path("url").asText().equals(COVERAGE_INFORMATION)) {
                continue;
            }
            Map<String, JsonNode> parts = new HashMap<>();
            extension.get("extension").forEach(e -> parts.put(e.get("url").asText(), e));
            assertThat(parts).containsKeys("coverage", "covered", "date", "coverage-assertion-id");
            String covered = parts.get("covered").get("valueCode").asText();
            assertThat(covered).isIn("covered", "not-covered", "conditional");
            if (!covered.equals("not-covered")) {
                assertThat(parts).containsKey("pa-needed");
            }
            if (parts.containsKey("satisfied-pa-id")) {
                assertThat(parts.get("pa-needed").get("valueCode").asText()).isEqualTo("satisfied");
            }
            assertionIdsByCoverage.computeIfAbsent(parts.get("coverage").at("/valueReference/reference").asText(),
                    k -> new HashSet<>()).add(parts.get("coverage-assertion-id").get("valueString").asText());
        }
        assertThat(assertionIdsByCoverage).isNotEmpty();
        // One assertion id per coverage, and different coverages never share one.
        assertThat(assertionIdsByCoverage.values()).allSatisfy(ids -> assertThat(ids).hasSize(1));
        List<String> all = new ArrayList<>();
        assertionIdsByCoverage.values().forEach(all::addAll);
        assertThat(all).doesNotHaveDuplicates();
        String updated = resource.fhirType() + "/" + resource.getIdElement().getIdPart();
        assertThat(draftOrderReferences(request)).contains(updated);
    }

    private static List<JsonNode> coverageInformationActions(JsonNode body) {
        List<JsonNode> actions = new ArrayList<>();
        for (JsonNode action : body.path("systemActions")) {
            for (JsonNode extension : action.at("/resource/extension")) {
                if (extension.path("url").asText().equals(COVERAGE_INFORMATION)) {
                    actions.add(action);
                    break;
                }
            }
        }
        return actions;
    }

    /** Inferno's External Reference card: links, all absolute. */
    static boolean isExternalReference(JsonNode card) {
        if (!card.has("links") || card.get("links").isEmpty()) {
            return false;
        }
        for (JsonNode link : card.get("links")) {
            if (!link.path("type").asText().equals("absolute")) {
                return false;
            }
        }
        return true;
    }

    /** Inferno's Instructions card: no links and no suggestions. */
    static boolean isInstructions(JsonNode card) {
        return card.path("links").isEmpty() && card.path("suggestions").isEmpty();
    }

    private static Set<String> draftOrderReferences(JsonNode request) {
        Set<String> references = new HashSet<>();
        for (JsonNode entry : request.at("/context/draftOrders/entry")) {
            JsonNode resource = entry.get("resource");
            references.add(resource.get("resourceType").asText() + "/" + resource.path("id").asText());
        }
        return references;
    }

    private IBaseResource parse(JsonNode resource) {
        try {
            return fhirContext.newJsonParser().parseResource(resource.toString());
        } catch (DataFormatException e) {
            throw new AssertionError("not a FHIR resource: " + resource, e);
        }
    }
}
