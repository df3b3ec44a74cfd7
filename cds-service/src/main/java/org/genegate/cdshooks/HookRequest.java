package org.genegate.cdshooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A CDS Hooks 2.0 request as it arrived, after structural validation by {@code hooks.HookRequestReader}.
 *
 * @param prefetch key → JSON value; a key that maps to JSON null means "no data" and is kept as
 *                 {@code NullNode}, a key that is absent is not in the map
 */
public record HookRequest(String hook, String hookInstance, String fhirServer, FhirAuthorization fhirAuthorization,
                          HookContext context, Map<String, JsonNode> prefetch, JsonNode extension) {

    public boolean hasFhirServer() {
        return fhirServer != null && !fhirServer.isBlank();
    }
}
