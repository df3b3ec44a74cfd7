package org.genegate.server.fetch;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.genegate.fetch.FhirQueryException;
import org.genegate.fetch.FhirIds;

/**
 * A FHIR query relative to a base, split into what the JPA DAOs need: a read
 * ({@code Patient/123}, {@code Patient/123/_history/2}) or a type search
 * ({@code Observation?patient=123&code=...}, {@code Observation}).
 */
record RelativeQuery(String resourceType, String id, String versionId, String parameters) {

    private static final Pattern RESOURCE_TYPE = Pattern.compile("[A-Z][A-Za-z]+");

    boolean isRead() {
        return id != null;
    }

    /** The query as the server's match-URL parser wants it: {@code Type?params}. */
    String matchUrl() {
        return parameters.isEmpty() ? resourceType : resourceType + "?" + parameters;
    }

    static RelativeQuery parse(String query) throws FhirQueryException {
        if (query == null || query.isBlank()) {
            throw new FhirQueryException("Empty FHIR query");
        }
        String trimmed = query.strip();
        if (trimmed.startsWith("/")) {
            trimmed = trimmed.substring(1);
        }
        int questionMark = trimmed.indexOf('?');
        String path = questionMark < 0 ? trimmed : trimmed.substring(0, questionMark);
        String parameters = questionMark < 0 ? "" : trimmed.substring(questionMark + 1);
        if (path.contains(":")) {
            throw new FhirQueryException("Not a relative FHIR query: " + trimmed);
        }

        String[] segments = path.split("/", -1);
        String type = segments[0];
        if (!RESOURCE_TYPE.matcher(type).matches()) {
            throw new FhirQueryException("Not a FHIR resource type in query: " + trimmed);
        }
        if (segments.length == 1) {
            return new RelativeQuery(type, null, null, parameters);
        }
        if (!parameters.isEmpty()) {
            throw new FhirQueryException("A read takes no parameters: " + trimmed);
        }
        String id = decode(segments[1]);
        if (!FhirIds.isId(id)) {
            throw new FhirQueryException("Not a FHIR id in query: " + trimmed);
        }
        if (segments.length == 2) {
            return new RelativeQuery(type, id, null, "");
        }
        if (segments.length == 4 && segments[2].equals("_history") && FhirIds.isId(segments[3])) {
            return new RelativeQuery(type, id, segments[3], "");
        }
        throw new FhirQueryException("Unsupported FHIR query (only reads and type searches): " + trimmed);
    }

    private static String decode(String segment) throws FhirQueryException {
        try {
            return URLDecoder.decode(segment, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new FhirQueryException("Malformed escape in query: " + segment, e);
        }
    }
}
