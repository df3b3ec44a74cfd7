package org.genegate.hooks.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.genegate.hooks.CdsServiceCatalog;
import org.genegate.hooks.HookClient;

/**
 * Generates the hostile hook requests: each is a valid order-sign request (full prefetch) with one thing broken,
 * or a request broken as a whole. Seeded, so a failure names a request that can be sent again.
 */
final class HostileRequests {

    static final String SIGN = "/cds-services/" + CdsServiceCatalog.ORDER_SIGN_ID;
    static final String SELECT = "/cds-services/" + CdsServiceCatalog.ORDER_SELECT_ID;
    /** The documented limit (genegate.hooks.max-request-size default). */
    static final int LIMIT = 5 * 1024 * 1024;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Values of every JSON type but a string, and strings that are not what a field holds. */
    private static final List<JsonNode> NOT_STRINGS = List.of(NODES.numberNode(42), NODES.booleanNode(true),
            NODES.arrayNode(), NODES.objectNode(), NODES.arrayNode().add("x"));
    private static final List<JsonNode> NOT_OBJECTS = List.of(NODES.numberNode(42), NODES.booleanNode(false),
            NODES.arrayNode(), NODES.textNode("{}"), NODES.textNode(""), NODES.arrayNode().add(NODES.objectNode()));

    /** Ids that would change a FHIR query's meaning, or are not FHIR ids at all. */
    static final List<String> INJECTIONS = List.of(
            "p1&_include=*", "p1&patient=someone-else", "p1&_revinclude=*", "../Patient/someone-else",
            "..%2F..%2Fetc%2Fpasswd", "p1%2F..%2Fother", "p1%26_include%3D*", "p1?_id=other", "p1#frag",
            "' OR '1'='1", "1; DROP TABLE HFJ_RESOURCE;--", "p1\" OR 1=1 --", "<script>alert(1)</script>",
            "${jndi:ldap://127.0.0.1/a}", "p1\u0000", "p1\n_include=*", "p1 ", " p1", "p1,other", "p1|x", "*",
            "%", "a".repeat(257), "\uff50\uff11", "p1\u202e", "\ud83d\ude00", "..", "p1:other", "p1;jsessionid=1",
            "http://127.0.0.1:1/Patient/x");

    private final ObjectNode valid;
    private final ObjectNode validNoPrefetch;
    private final List<HostileRequest> requests = new ArrayList<>();

    /**
     * @param valid           a valid order-sign request with full prefetch (answered 200)
     * @param validNoPrefetch the same without prefetch (the service reads its own store)
     */
    HostileRequests(ObjectNode valid, ObjectNode validNoPrefetch) {
        this.valid = valid;
        this.validNoPrefetch = validNoPrefetch;
    }

    List<HostileRequest> all() {
        badJson();
        emptyBodies();
        wrongTypes();
        injections();
        hugeBodies();
        deepNesting();
        unknownServices();
        wrongContentTypes();
        wrongMethods();
        garbageDraftOrders();
        wrongPrefetch();
        unicodeTrash();
        return List.copyOf(requests);
    }

    private void badJson() {
        String body = valid.toString();
        Random random = new Random(5);
        for (int i = 0; i < 40; i++) {
            int cut = 1 + random.nextInt(body.length() - 2);
            add("bad JSON", "truncated at " + cut, body.substring(0, cut), 400);
        }
        add("bad JSON", "trailing garbage", body + " trailing", 400);
        add("bad JSON", "two objects", body + body, 400);
        add("bad JSON", "trailing comma", body.substring(0, body.length() - 1) + ",}", 400);
        add("bad JSON", "single quotes", body.replace('"', '\''), 400);
        add("bad JSON", "unquoted keys", body.replace("\"hook\":", "hook:"), 400);
        add("bad JSON", "comment", "/* x */" + body, 400);
        add("bad JSON", "NaN", body.replaceFirst("\\{", "{\"n\":NaN,"), 400);
        add("bad JSON", "control character in a string", body.replace("order-sign", "order\u0001sign"), 400);
        add("bad JSON", "duplicate key", body.replaceFirst("\\{", "{\"hook\":\"order-sign\","), 400);
        add("bad JSON", "XML", "<hook>order-sign</hook>", 400);
        add("bad JSON", "form encoding", "hook=order-sign&context=x", 400);
        for (int seed = 0; seed < 15; seed++) {
            byte[] bytes = new byte[1 + new Random(seed).nextInt(2000)];
            new Random(seed).nextBytes(bytes);
            bytes[0] = '#'; // never the start of a JSON value
            requests.add(new HostileRequest("bad JSON", "random bytes " + seed, "POST", SIGN, "application/json",
                    bytes, false, 400));
        }
        byte[] latin1 = valid.toString().replace("order-sign", "order-sign\u00e9").getBytes(StandardCharsets.ISO_8859_1);
        requests.add(new HostileRequest("bad JSON", "not UTF-8", "POST", SIGN, "application/json", latin1, false,
                400));
    }

    private void emptyBodies() {
        add("empty", "no body", "", 400);
        add("empty", "spaces", "   ", 400);
        add("empty", "new lines", "\n\r\n", 400);
        add("empty", "null", "null", 422);
        add("empty", "zero", "0", 422);
        add("empty", "empty string", "\"\"", 422);
        add("empty", "empty array", "[]", 422);
        add("empty", "empty object", "{}", 422);
    }

    private void wrongTypes() {
        for (JsonNode value : NOT_STRINGS) {
            mutate("wrong type", "hook = " + value, r -> r.set("hook", value), 422);
            mutate("wrong type", "hookInstance = " + value, r -> r.set("hookInstance", value), 422);
            mutate("wrong type", "fhirServer = " + value, r -> r.set("fhirServer", value), 422);
            mutate("wrong type", "context.patientId = " + value, r -> context(r).set("patientId", value), 422);
            mutate("wrong type", "context.userId = " + value, r -> context(r).set("userId", value), 422);
            mutate("wrong type", "context.encounterId = " + value, r -> context(r).set("encounterId", value), 422);
            mutate("wrong type", "fhirAuthorization.access_token = " + value, r -> withAuthorization(r)
                    .set("access_token", value), 422);
            mutate("wrong type", "fhirAuthorization.token_type = " + value, r -> withAuthorization(r)
                    .set("token_type", value), 422);
            mutate("wrong type", "fhirAuthorization.scope = " + value, r -> withAuthorization(r)
                    .set("scope", value), 422);
            mutate("wrong type", "fhirAuthorization.subject = " + value, r -> withAuthorization(r)
                    .set("subject", value), 422);
        }
        for (JsonNode value : NOT_OBJECTS) {
            mutate("wrong type", "context = " + value, r -> r.set("context", value), 422);
            mutate("wrong type", "context.draftOrders = " + value, r -> context(r).set("draftOrders", value), 422);
            mutate("wrong type", "prefetch = " + value, r -> r.set("prefetch", value), 422);
            mutate("wrong type", "fhirAuthorization = " + value, r -> r.put("fhirServer", "http://127.0.0.1:1/fhir")
                    .set("fhirAuthorization", value), 422);
            Iterator<String> keys = valid.get("prefetch").fieldNames();
            while (keys.hasNext()) {
                String key = keys.next();
                mutate("wrong type", "prefetch." + key + " = " + value, r -> prefetch(r).set(key, value), 422);
            }
        }
        for (String hook : List.of("", " ", "order-select", "patient-view", "ORDER-SIGN", "order-sign ",
                "order_sign", "order-sign\u0000")) {
            mutate("wrong value", "hook = '" + hook + "'", r -> r.put("hook", hook), 422);
        }
        for (String instance : List.of("", "not-a-uuid", "1234", "d1577c69-dfbe-44ad-ba6d", "{{uuid}}",
                "d1577c69dfbe44adba6d3e05e953b2ea-x")) {
            mutate("wrong value", "hookInstance = '" + instance + "'", r -> r.put("hookInstance", instance), 422);
        }
        for (String server : List.of("ftp://127.0.0.1/fhir", "javascript:alert(1)", "http://", "not a url",
                "file:///etc/passwd", "http://127.0.0.1:1/fhir?x=1", "http://127.0.0.1:1/fhir#x", "//127.0.0.1/fhir",
                "http:/fhir", "gopher://127.0.0.1:1/")) {
            mutate("wrong value", "fhirServer = " + server, r -> r.put("fhirServer", server), 422);
        }
        mutate("wrong value", "fhirAuthorization without fhirServer", r -> r.putObject("fhirAuthorization")
                .put("access_token", "t").put("token_type", "Bearer"), 422);
        for (JsonNode value : List.of(NODES.textNode("300"), NODES.numberNode(1.5), NODES.booleanNode(true),
                NODES.objectNode(), NODES.arrayNode())) {
            mutate("wrong type", "fhirAuthorization.expires_in = " + value, r -> withAuthorization(r)
                    .set("expires_in", value), 422);
        }
        mutate("wrong value", "fhirAuthorization.token_type = MAC", r -> withAuthorization(r)
                .put("token_type", "MAC"), 422);
        mutate("wrong value", "no hook", r -> r.remove("hook"), 422);
        mutate("wrong value", "no hookInstance", r -> r.remove("hookInstance"), 422);
        mutate("wrong value", "no context", r -> r.remove("context"), 422);
        mutate("wrong value", "no context.patientId", r -> context(r).remove("patientId"), 422);
        mutate("wrong value", "no context.draftOrders", r -> context(r).remove("draftOrders"), 422);
        mutate("wrong value", "hook = null", r -> r.putNull("hook"), 422);
        mutate("wrong value", "context = null", r -> r.putNull("context"), 422);
        mutate("wrong value", "context.patientId = null", r -> context(r).putNull("patientId"), 422);
        for (JsonNode value : List.of(NODES.numberNode(42), NODES.textNode("MedicationRequest/x"),
                NODES.arrayNode().add(42), NODES.arrayNode().add(NODES.objectNode()), NODES.nullNode(),
                NODES.objectNode())) {
            requests.add(body("wrong type", "order-select selections = " + value, SELECT, orderSelect(value), 422));
        }
    }

    private void injections() {
        for (String id : INJECTIONS) {
            mutate("injection", "context.patientId = " + printable(id), r -> context(r).put("patientId", id), 422);
            mutate("injection", "context.encounterId = " + printable(id), r -> context(r).put("encounterId", id),
                    422);
            mutate("injection", "context.userId = Practitioner/" + printable(id), r -> context(r)
                    .put("userId", "Practitioner/" + id), 422);
            // References of the draft order are written into the queries for what was not prefetched.
            requests.add(body("injection", "draft order requester = Practitioner/" + printable(id), SIGN,
                    withoutPrefetch(r -> {
                        context(r).remove("userId");
                        order(r).putObject("requester").put("reference", "Practitioner/" + id);
                    }), 422));
            requests.add(body("injection", "draft order encounter = Encounter/" + printable(id), SIGN,
                    withoutPrefetch(r -> {
                        context(r).remove("encounterId");
                        order(r).putObject("encounter").put("reference", "Encounter/" + id);
                    }), 422));
        }
    }

    private void hugeBodies() {
        for (int size : new int[] {LIMIT + 1, LIMIT + 100_000, 2 * LIMIT, 3 * LIMIT}) {
            String padded = padded(valid, size);
            requests.add(new HostileRequest("huge body", "valid JSON of " + padded.length() + " bytes", "POST", SIGN,
                    "application/json", padded.getBytes(StandardCharsets.UTF_8), false, 413));
            requests.add(new HostileRequest("huge body", "chunked, " + padded.length() + " bytes", "POST", SIGN,
                    "application/json", padded.getBytes(StandardCharsets.UTF_8), true, 413));
        }
        requests.add(new HostileRequest("huge body", "6 MB of spaces", "POST", SIGN, "application/json",
                " ".repeat(6 * 1024 * 1024).getBytes(StandardCharsets.UTF_8), false, 413));
        requests.add(new HostileRequest("huge body", "6 MB array", "POST", SIGN, "application/json",
                ("[" + "1,".repeat(3 * 1024 * 1024) + "1]").getBytes(StandardCharsets.UTF_8), false, 413));
    }

    private void deepNesting() {
        for (int depth : new int[] {101, 1_000, 10_000, 100_000}) {
            String arrays = "[".repeat(depth) + "]".repeat(depth);
            String objects = "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
            add("deep nesting", depth + " arrays at the root", arrays, 400);
            add("deep nesting", depth + " objects at the root", objects, 400);
            String body = valid.toString();
            add("deep nesting", depth + " arrays in extension",
                    body.substring(0, body.length() - 1) + ",\"extension\":" + arrays + "}", 400);
            add("deep nesting", depth + " objects in prefetch", body.replace("\"prefetch\":{",
                    "\"prefetch\":{\"deep\":" + objects + ","), 400);
        }
    }

    private void unknownServices() {
        String body = valid.toString();
        for (String id : List.of("patient-view", "j1411-order-sign-x", "J1411-ORDER-SIGN", "order-sign", "...", "a.json", "j1411-order-sign.json", "%20", "x;jsessionid=1", "%C3%A9", "%F0%9F%98%80",
                "a".repeat(2000), "%27%20OR%20%271%27%3D%271", "%3Cscript%3E", "j1411-order-sign/feedbacks",
                "j1411-order-sign/x/y", "a/b/c")) {
            requests.add(post("unknown service", id.length() > 40 ? "long id" : id, "/cds-services/" + id, body,
                    404));
        }
        // Refused by Tomcat before any filter sees them (MalformedHttpIT sends what java.net.URI cannot).
        for (String path : List.of("/cds-services/j1411%2Forder-sign", "/cds-services/j1411-order-sign%2F",
                "/cds-services%2Fj1411-order-sign", "/cds-services/j1411-order-sign%5C", "/cds-services/%2E%2E%2F")) {
            requests.add(post("malformed path or query", path, path, body, 400));
        }
        // The feedback endpoint exists: a hook request sent there is malformed feedback.
        requests.add(post("feedback", "a hook request as feedback", "/cds-services/j1411-order-sign/feedback", body,
                422));
    }

    private void wrongContentTypes() {
        String body = valid.toString();
        for (String type : List.of("text/plain", "application/xml", "text/html", "multipart/form-data; boundary=x",
                "application/x-www-form-urlencoded", "image/png", "application/json; charset=ISO-8859-1",
                "application/fhir+xml", "text/json", "not a media type")) {
            requests.add(new HostileRequest("content type", type + ", valid body", "POST", SIGN, type,
                    body.getBytes(StandardCharsets.UTF_8), false, 415));
            requests.add(new HostileRequest("content type", type + ", bad body", "POST", SIGN, type,
                    "<x/>".getBytes(StandardCharsets.UTF_8), false, 415));
        }
    }

    private void wrongMethods() {
        String body = valid.toString();
        for (String path : List.of(SIGN, SELECT)) {
            for (String method : List.of("GET", "PUT", "DELETE", "PATCH")) {
                requests.add(new HostileRequest("method", method + " " + path, method, path, "application/json",
                        method.equals("GET") || method.equals("DELETE") ? new byte[0]
                                : body.getBytes(StandardCharsets.UTF_8), false, 405));
            }
        }
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            requests.add(new HostileRequest("method", method + " /cds-services", method, "/cds-services",
                    "application/json", method.equals("DELETE") ? new byte[0] : body.getBytes(StandardCharsets.UTF_8),
                    false, 405));
        }
    }

    private void garbageDraftOrders() {
        // Garbage HAPI cannot read even leniently. A Hemgenix MedicationRequest that it can read leniently is
        // judged and answered with a card saying what was repaired (HemgenixOrderFormsIT), not refused.
        List<String> garbage = List.of("42", "\"x\"", "[]", "{}", "{\"resourceType\":\"NotAType\"}",
                "{\"resourceType\":42}",
                "{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"Bundle\",\"entry\":42}}]}");
        for (String resource : garbage) {
            mutate("garbage draft order", "entry[0].resource = " + resource, r -> {
                ArrayNode entries = (ArrayNode) context(r).get("draftOrders").get("entry");
                ((ObjectNode) entries.get(0)).set("resource", HookClient.read(resource));
            }, 422);
        }
        mutate("garbage draft order", "entry = 42", r -> ((ObjectNode) context(r).get("draftOrders"))
                .put("entry", 42), 422);
        mutate("garbage draft order", "entry = [42]", r -> ((ObjectNode) context(r).get("draftOrders"))
                .putArray("entry").add(42), 422);
        mutate("garbage draft order", "entry = {}", r -> ((ObjectNode) context(r).get("draftOrders"))
                .putObject("entry"), 422);
        mutate("garbage draft order", "type = 42", r -> ((ObjectNode) context(r).get("draftOrders"))
                .put("type", 42), 422);
        mutate("garbage draft order", "type = not-a-type", r -> ((ObjectNode) context(r).get("draftOrders"))
                .put("type", "not-a-type"), 422);
    }

    private void wrongPrefetch() {
        Map<String, List<String>> wrongTypes = Map.of("conditions", List.of("Observation", "Claim"),
                "observations", List.of("Condition", "Claim"), "procedures", List.of("Observation", "Claim"));
        Iterator<String> keys = valid.get("prefetch").fieldNames();
        while (keys.hasNext()) {
            String key = keys.next();
            for (String type : wrongTypes.getOrDefault(key, List.of("Observation", "Condition", "Claim"))) {
                ObjectNode resource = NODES.objectNode().put("resourceType", type).put("id", "wrong-" + type);
                mutate("wrong prefetch", key + " = a " + type, r -> prefetch(r).set(key, resource), 422);
                ObjectNode bundle = NODES.objectNode().put("resourceType", "Bundle").put("type", "searchset");
                bundle.putArray("entry").addObject().set("resource", resource);
                mutate("wrong prefetch", key + " = a Bundle of " + type, r -> prefetch(r).set(key, bundle), 422);
            }
        }
        String patientId = valid.at("/context/patientId").asText();
        mutate("wrong prefetch", "patient = another Patient", r -> ((ObjectNode) prefetch(r).get("patient"))
                .put("id", "someone-else"), 422);
        mutate("wrong prefetch", "observations of another patient", r -> {
            JsonNode entries = prefetch(r).get("observations").get("entry");
            ((ObjectNode) entries.get(0).get("resource")).putObject("subject")
                    .put("reference", "Patient/not-" + patientId);
        }, 422);
        mutate("wrong prefetch", "conditions of another patient", r -> {
            ObjectNode condition = NODES.objectNode().put("resourceType", "Condition").put("id", "c-other");
            condition.putObject("subject").put("reference", "Patient/not-" + patientId);
            ObjectNode bundle = NODES.objectNode().put("resourceType", "Bundle").put("type", "searchset");
            bundle.putArray("entry").addObject().set("resource", condition);
            prefetch(r).set("conditions", bundle);
        }, 422);
    }

    private void unicodeTrash() {
        for (String trash : List.of("\\ud800", "\\udfff", "\\u0000", "\\u202e\\u202d", "\\ufeff", "\\uffff")) {
            String body = valid.toString();
            add("unicode", "patientId with " + trash, body.replaceFirst("\"patientId\":\"[^\"]*\"",
                    "\"patientId\":\"p" + trash.replace("\\", "\\\\") + "\""), 422);
            add("unicode", "hook with " + trash, body.replaceFirst("\"hook\":\"[^\"]*\"",
                    "\"hook\":\"order-sign" + trash.replace("\\", "\\\\") + "\""), 422);
        }
        requests.add(new HostileRequest("unicode", "byte order mark", "POST", SIGN, "application/json",
                ("\ufeff" + valid).getBytes(StandardCharsets.UTF_8), false, 400));
        requests.add(new HostileRequest("unicode", "UTF-16", "POST", SIGN, "application/json",
                valid.toString().getBytes(StandardCharsets.UTF_16), false, 400));
    }

    /** The request with an extension that makes its JSON exactly {@code size} bytes long. */
    static String padded(ObjectNode request, int size) {
        String body = request.toString();
        String prefix = body.substring(0, body.length() - 1) + ",\"extension\":{\"pad\":\"";
        String suffix = "\"}}";
        return prefix + "x".repeat(size - prefix.length() - suffix.length()) + suffix;
    }

    private void mutate(String category, String name, Consumer<ObjectNode> change, int expectedStatus) {
        ObjectNode copy = valid.deepCopy();
        change.accept(copy);
        requests.add(body(category, name, SIGN, copy, expectedStatus));
    }

    private ObjectNode withoutPrefetch(Consumer<ObjectNode> change) {
        ObjectNode copy = validNoPrefetch.deepCopy();
        change.accept(copy);
        return copy;
    }

    private ObjectNode orderSelect(JsonNode selections) {
        ObjectNode copy = valid.deepCopy();
        copy.put("hook", "order-select");
        context(copy).set("selections", selections);
        return copy;
    }

    private static HostileRequest body(String category, String name, String path, JsonNode json, int status) {
        return HostileRequest.post(category, name, path, json.toString(), status);
    }

    private static HostileRequest post(String category, String name, String path, String json, int status) {
        return HostileRequest.post(category, name, path, json, status);
    }

    private void add(String category, String name, String json, int status) {
        requests.add(HostileRequest.post(category, name, SIGN, json, status));
    }

    private static ObjectNode context(ObjectNode request) {
        return (ObjectNode) request.get("context");
    }

    private static ObjectNode prefetch(ObjectNode request) {
        return (ObjectNode) request.get("prefetch");
    }

    private static ObjectNode order(ObjectNode request) {
        return (ObjectNode) request.at("/context/draftOrders/entry/0/resource");
    }

    private static ObjectNode withAuthorization(ObjectNode request) {
        request.put("fhirServer", "http://127.0.0.1:1/fhir");
        return request.putObject("fhirAuthorization").put("access_token", "t").put("token_type", "Bearer");
    }

    private static String printable(String id) {
        StringBuilder out = new StringBuilder();
        id.codePoints().limit(40).forEach(c -> out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c)
                : String.valueOf((char) c)));
        return out.toString();
    }
}
