package org.genegate.hooks;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.genegate.assessment.SentOrder;
import org.genegate.assessment.SentOrders;
import org.genegate.cdshooks.FhirAuthorization;
import org.genegate.cdshooks.HookContext;
import org.genegate.cdshooks.HookRequest;
import org.genegate.fetch.FhirIds;
import org.genegate.fetch.InvalidRequestDataException;
import org.genegate.fetch.ResourceTreeParser;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Resource;

/**
 * Turns a request body into a {@link HookRequest}, or says precisely why it is not one: 400 when the
 * body is not JSON, 422 when it is JSON but not a valid order-select / order-sign request.
 */
public final class HookRequestReader {

    private static final String PATIENT_PREFIX = "Patient/";

    private final ObjectMapper mapper;
    private final FhirContext fhirContext;
    private final ResourceTreeParser parser;

    public HookRequestReader(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
        this.parser = new ResourceTreeParser(fhirContext);
        this.mapper = HookJson.strictMapper();
    }

    public HookRequest read(String body, String expectedHook) {
        JsonNode root = parseJson(body);
        if (!root.isObject()) {
            throw HookRequestException.invalid("The request body must be a JSON object");
        }
        String hook = requiredText(root, "hook");
        if (!hook.equals(expectedHook)) {
            throw HookRequestException.invalid("This service answers '" + expectedHook + "', not " + quoted(hook));
        }
        String hookInstance = requiredText(root, "hookInstance");
        requireUuid(hookInstance);
        String fhirServer = optionalText(root, "fhirServer");
        FhirAuthorization authorization = readAuthorization(root.get("fhirAuthorization"));
        if (authorization != null && fhirServer == null) {
            throw HookRequestException.invalid("fhirAuthorization is given without fhirServer");
        }
        if (fhirServer != null && !isHttpUrl(fhirServer)) {
            throw HookRequestException.invalid("fhirServer must be an absolute http(s) URL without query or fragment");
        }
        JsonNode contextNode = root.get("context");
        if (contextNode == null || !contextNode.isObject()) {
            throw HookRequestException.invalid("The request has no 'context' object");
        }
        HookContext context = readContext(contextNode, hook);
        Map<String, JsonNode> prefetch = readPrefetch(root.get("prefetch"));
        return new HookRequest(hook, hookInstance, fhirServer, authorization, context, prefetch, root.get("extension"));
    }

    private JsonNode parseJson(String body) {
        if (body == null || body.isBlank()) {
            throw HookRequestException.notJson("The request body is empty; a CDS Hooks request is a JSON object");
        }
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw HookRequestException.notJson("The request body is not JSON");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw HookRequestException.notJson("The request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private HookContext readContext(JsonNode context, String hook) {
        String patientId = requiredText(context, "context.patientId", context.get("patientId"));
        if (patientId.startsWith(PATIENT_PREFIX) && FhirIds.isId(patientId.substring(PATIENT_PREFIX.length()))) {
            // HAPI's CDS Hooks module tests send "Patient/123"; the spec asks for the bare id, and it is unambiguous.
            patientId = patientId.substring(PATIENT_PREFIX.length());
        }
        if (!FhirIds.isId(patientId)) {
            throw HookRequestException.invalid("context.patientId must be a bare FHIR id ([A-Za-z0-9-.]{1,"
                    + FhirIds.MAX_LENGTH + "}), "
                    + "not a reference or anything else");
        }
        String userId = optionalText(context, "userId");
        if (userId != null && !FhirIds.isTypedId(userId)) {
            throw HookRequestException.invalid("context.userId must be a reference like 'Practitioner/abc'");
        }
        String encounterId = optionalText(context, "encounterId");
        if (encounterId != null && !FhirIds.isId(encounterId)) {
            throw HookRequestException.invalid("context.encounterId must be a bare FHIR id ([A-Za-z0-9-.]{1,"
                    + FhirIds.MAX_LENGTH + "})");
        }
        if ("patient-view".equals(hook)) {
            // patient-view's context is userId, patientId and encounterId: there are no draft orders.
            return new HookContext(userId, patientId, encounterId, SentOrders.none(), List.of());
        }
        JsonNode draftOrdersNode = context.get("draftOrders");
        if (draftOrdersNode == null || !draftOrdersNode.isObject()
                || !"Bundle".equals(draftOrdersNode.path("resourceType").asText())) {
            throw HookRequestException.invalid("context.draftOrders must be a FHIR Bundle");
        }
        if (draftOrdersNode.has("entry") && !draftOrdersNode.get("entry").isArray()) {
            throw HookRequestException.invalid("context.draftOrders.entry must be an array");
        }
        for (JsonNode entry : draftOrdersNode.path("entry")) {
            if ("Bundle".equals(entry.path("resource").path("resourceType").asText())) {
                throw HookRequestException.invalid("context.draftOrders must hold orders, not a nested Bundle");
            }
            if (!entry.path("resource").isObject()) {
                // HAPI would skip such an entry; an order that is skipped is not judged.
                throw HookRequestException.invalid("Every entry of context.draftOrders must hold a resource");
            }
        }
        SentOrders draftOrders = readDraftOrders(draftOrdersNode);
        List<String> selections = List.of();
        if ("order-select".equals(hook)) {
            JsonNode selectionsNode = context.get("selections");
            if (selectionsNode == null || !selectionsNode.isArray()) {
                throw HookRequestException.invalid("order-select needs context.selections, an array of references");
            }
            List<String> read = new ArrayList<>();
            for (JsonNode selection : selectionsNode) {
                if (!selection.isTextual()) {
                    throw HookRequestException.invalid("context.selections must hold strings like 'MedicationRequest/id'");
                }
                read.add(selection.asText());
            }
            selections = read;
        }
        return new HookContext(userId, patientId, encounterId, draftOrders, selections);
    }

    /**
     * Reads the draft orders leniently; each order that was not exact FHIR carries what was repaired, and a problem
     * of the Bundle itself is the orders' problem. Orders for other drugs are not judged, so their problems never
     * fail the call; the assessment decides for the gated products' orders.
     */
    private SentOrders readDraftOrders(JsonNode draftOrdersNode) {
        ResourceTreeParser.Lenient bundleRead = parseLeniently(draftOrdersNode, "context.draftOrders");
        if (!(bundleRead.resource() instanceof Bundle draftOrders)) {
            throw HookRequestException.invalid("context.draftOrders must be a Bundle, not a "
                    + bundleRead.resource().fhirType());
        }
        JsonNode entries = draftOrdersNode.path("entry");
        boolean entryPerNode = entries.size() == draftOrders.getEntry().size();
        List<SentOrder> orders = new ArrayList<>();
        for (int i = 0; i < draftOrders.getEntry().size(); i++) {
            // The order as sent, for the audit trail: exactly what was signed.
            JsonNode json = entryPerNode ? entries.get(i).get("resource") : null;
            orders.add(new SentOrder(draftOrders.getEntry().get(i).getResource(), List.of(), json));
        }
        if (bundleRead.problems().isEmpty()) {
            return new SentOrders(orders, null);
        }
        List<String> unattributed = new ArrayList<>(bundleRead.problems());
        if (entryPerNode) {
            for (int i = 0; i < entries.size(); i++) {
                List<String> problems = parseLeniently(entries.get(i).get("resource"),
                        "context.draftOrders.entry[" + i + "].resource").problems();
                if (!problems.isEmpty()) {
                    Resource order = orders.get(i).resource();
                    dropInvalidValues(order);
                    orders.set(i, new SentOrder(order, problems, orders.get(i).json()));
                    problems.forEach(unattributed::remove);
                }
            }
        }
        return new SentOrders(orders, unattributed.isEmpty() ? null
                : "context.draftOrders is not a valid FHIR R4 resource: " + String.join("; ", unattributed));
    }

    private ResourceTreeParser.Lenient parseLeniently(JsonNode node, String where) {
        try {
            return parser.parseLeniently(node, where);
        } catch (InvalidRequestDataException e) {
            throw HookRequestException.invalid(e.getMessage());
        }
    }

    /**
     * HAPI's lenient reading keeps an invalid value (a date that is not a date) as text without a value, and such an
     * element cannot even be copied. The repaired order holds no value there; its card lists what was dropped.
     */
    private void dropInvalidValues(Resource order) {
        for (PrimitiveType<?> primitive : fhirContext.newTerser().getAllPopulatedChildElementsOfType(order,
                PrimitiveType.class)) {
            if (primitive.getValue() == null && primitive.getValueAsString() != null) {
                primitive.setValue(null);
            }
        }
    }

    private Map<String, JsonNode> readPrefetch(JsonNode prefetch) {
        if (prefetch == null || prefetch.isNull()) {
            return Map.of();
        }
        if (!prefetch.isObject()) {
            throw HookRequestException.invalid("prefetch must be a JSON object");
        }
        Map<String, JsonNode> read = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = prefetch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (!value.isNull() && !value.isObject()) {
                throw HookRequestException.invalid("prefetch." + field.getKey() + " must be a FHIR resource or null");
            }
            read.put(field.getKey(), value);
        }
        return Collections.unmodifiableMap(read);
    }

    private FhirAuthorization readAuthorization(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw HookRequestException.invalid("fhirAuthorization must be a JSON object");
        }
        String accessToken = requiredText(node, "fhirAuthorization.access_token", node.get("access_token"));
        String tokenType = optionalText(node, "token_type");
        if (tokenType != null && !"Bearer".equalsIgnoreCase(tokenType)) {
            throw HookRequestException.invalid("fhirAuthorization.token_type must be Bearer");
        }
        JsonNode expiresIn = node.get("expires_in");
        if (expiresIn != null && !expiresIn.isNull() && !expiresIn.isIntegralNumber()) {
            throw HookRequestException.invalid("fhirAuthorization.expires_in must be an integer");
        }
        return new FhirAuthorization(accessToken, tokenType,
                expiresIn == null || expiresIn.isNull() ? null : expiresIn.asLong(),
                optionalText(node, "scope"), optionalText(node, "subject"));
    }

    private static String requiredText(JsonNode parent, String name) {
        return requiredText(parent, name, parent.get(name));
    }

    private static String requiredText(JsonNode parent, String path, JsonNode value) {
        if (value == null || value.isNull()) {
            throw HookRequestException.invalid("The request has no '" + path + "'");
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw HookRequestException.invalid("'" + path + "' must be a non-empty string");
        }
        return value.asText();
    }

    private static String optionalText(JsonNode parent, String name) {
        JsonNode value = parent.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw HookRequestException.invalid("'" + name + "' must be a string");
        }
        return value.asText().isBlank() ? null : value.asText();
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null && uri.getRawQuery() == null && uri.getRawFragment() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** An echo of what the client sent, short enough for a log line and a diagnostics field. */
    static String quoted(String value) {
        return "'" + (value.length() <= 64 ? value : value.substring(0, 64) + "...") + "'";
    }

    private static void requireUuid(String hookInstance) {
        try {
            UUID.fromString(hookInstance);
        } catch (IllegalArgumentException e) {
            throw HookRequestException.invalid("hookInstance must be a UUID, not " + quoted(hookInstance));
        }
    }
}
