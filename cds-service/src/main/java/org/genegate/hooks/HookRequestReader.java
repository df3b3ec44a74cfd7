package org.genegate.hooks;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/**
 * Turns a request body into a {@link HookRequest}, or says precisely why it is not one: 400 when the
 * body is not JSON, 422 when it is JSON but not a valid order-select / order-sign request.
 */
public final class HookRequestReader {

    /** Deeper nesting than this is not a FHIR resource an EHR would send; refuse before parsing it. */
    private static final int MAX_NESTING_DEPTH = 100;

    private final ObjectMapper mapper;
    private final FhirContext fhirContext;

    public HookRequestReader(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
        this.mapper = new ObjectMapper();
        this.mapper.getFactory().setStreamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build());
    }

    public HookRequest read(String body, String expectedHook) {
        JsonNode root = parseJson(body);
        if (!root.isObject()) {
            throw HookRequestException.invalid("The request body must be a JSON object");
        }
        String hook = requiredText(root, "hook");
        if (!hook.equals(expectedHook)) {
            throw HookRequestException.invalid("This service answers '" + expectedHook + "', not '" + hook + "'");
        }
        String hookInstance = requiredText(root, "hookInstance");
        requireUuid(hookInstance);
        String fhirServer = optionalText(root, "fhirServer");
        FhirAuthorization authorization = readAuthorization(root.get("fhirAuthorization"));
        if (authorization != null && fhirServer == null) {
            throw HookRequestException.invalid("fhirAuthorization is given without fhirServer");
        }
        if (fhirServer != null && !(fhirServer.startsWith("http://") || fhirServer.startsWith("https://"))) {
            throw HookRequestException.invalid("fhirServer must be an http(s) URL");
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
        if (patientId.contains("/")) {
            throw HookRequestException.invalid("context.patientId must be a bare id, not a reference: " + patientId);
        }
        String userId = optionalText(context, "userId");
        String encounterId = optionalText(context, "encounterId");
        if ("patient-view".equals(hook)) {
            // patient-view's context is userId, patientId and encounterId: there are no draft orders.
            return new HookContext(userId, patientId, encounterId, new Bundle(), List.of());
        }
        JsonNode draftOrdersNode = context.get("draftOrders");
        if (draftOrdersNode == null || !draftOrdersNode.isObject()
                || !"Bundle".equals(draftOrdersNode.path("resourceType").asText())) {
            throw HookRequestException.invalid("context.draftOrders must be a FHIR Bundle");
        }
        Bundle draftOrders = parseResource(draftOrdersNode, Bundle.class, "context.draftOrders");
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

    /** Parses a FHIR resource held in a JSON node; the type must match. */
    public <T extends Resource> T parseResource(JsonNode node, Class<T> type, String where) {
        Resource parsed = parseAnyResource(node, where);
        if (!type.isInstance(parsed)) {
            throw HookRequestException.invalid(where + " must be a " + type.getSimpleName() + ", not a "
                    + parsed.fhirType());
        }
        return type.cast(parsed);
    }

    public Resource parseAnyResource(JsonNode node, String where) {
        try {
            IParser parser = fhirContext.newJsonParser();
            return (Resource) parser.parseResource(node.toString());
        } catch (DataFormatException | ClassCastException e) {
            throw HookRequestException.invalid(where + " is not a valid FHIR R4 resource: " + e.getMessage());
        }
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

    private static void requireUuid(String hookInstance) {
        try {
            UUID.fromString(hookInstance);
        } catch (IllegalArgumentException e) {
            throw HookRequestException.invalid("hookInstance must be a UUID: " + hookInstance);
        }
    }
}
