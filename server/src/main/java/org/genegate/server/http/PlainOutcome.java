package org.genegate.server.http;

/**
 * An OperationOutcome written without HAPI, for answers given before a request reaches HAPI or Spring MVC.
 * Diagnostics are fixed texts of this server, never echoed request content, so they need no escaping.
 */
public final class PlainOutcome {

    private static final String FHIR_JSON = "application/fhir+json;charset=UTF-8";
    private static final String JSON = "application/json;charset=UTF-8";

    private PlainOutcome() {
    }

    /** CDS Hooks clients get plain JSON, as from the hook service itself; everyone else FHIR JSON. */
    public static String contentType(String requestUri) {
        return requestUri != null && requestUri.startsWith("/cds-services") ? JSON : FHIR_JSON;
    }

    public static String json(int status, String diagnostics) {
        return "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"" + issueCode(status)
                + "\",\"diagnostics\":\"" + diagnostics + "\"}]}";
    }

    private static String issueCode(int status) {
        return switch (status) {
            case 400 -> "invalid";
            case 404 -> "not-found";
            case 405, 415 -> "not-supported";
            case 413 -> "too-long";
            case 503 -> "transient";
            default -> "exception";
        };
    }
}
