package org.genegate.fetch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Whose record to read and where from, whatever asked for it (a hook call, a FHIR operation).
 *
 * @param patientId   the patient's bare FHIR id
 * @param encounterId the encounter of the visit, or null
 * @param userId      the acting user ({@code Practitioner/abc}), who prescribes an order without a requester; or null
 * @param prefetch    key → prefetched JSON as in a hook request; JSON null means "no data", an absent key "fetch"
 * @param source      where to fetch what prefetch lacks; null when there is nowhere to ask
 * @param fhirServer  the remote FHIR server {@code source} reads, or null when it is this server's own store (then
 *                    a patient the store does not know is a refusal, not an unavailable part)
 */
public record RecordRequest(String patientId, String encounterId, String userId, Map<String, JsonNode> prefetch,
                            FhirQuery source, String fhirServer) {

    public RecordRequest {
        prefetch = Map.copyOf(prefetch);
    }

    /** A record read from {@code store} alone, with nothing prefetched. */
    public static RecordRequest fromStore(String patientId, String encounterId, FhirQuery store) {
        return new RecordRequest(patientId, encounterId, null, Map.of(), store, null);
    }

    public boolean remote() {
        return fhirServer != null;
    }
}
