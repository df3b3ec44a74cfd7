package org.genegate.hooks;

import ca.uhn.fhir.context.FhirContext;
import java.net.http.HttpClient;
import java.time.Duration;
import org.genegate.cdshooks.HookContext;
import org.genegate.cdshooks.HookRequest;
import org.genegate.fetch.FhirQuery;
import org.genegate.fetch.RecordRequest;
import org.genegate.fetch.RemoteFhirQuery;

/**
 * Where a hook call's record parts that prefetch lacks are read: the request's fhirServer (with its
 * fhirAuthorization token), else this server's own store.
 */
public final class RecordSource {

    private final FhirQuery localStore;
    private final HttpClient http;
    private final FhirContext fhirContext;
    private final Duration fetchBudget;

    /**
     * @param localStore this server's own FHIR store, read when the request names no fhirServer; null when
     *                   the service runs without one
     */
    public RecordSource(FhirQuery localStore, HttpClient http, FhirContext fhirContext, Duration fetchBudget) {
        this.localStore = localStore;
        this.http = http;
        this.fhirContext = fhirContext;
        this.fetchBudget = fetchBudget;
    }

    /** The hook call's record request: its context, its prefetch, and where to fetch the rest. */
    public RecordRequest recordRequest(HookRequest request) {
        HookContext context = request.context();
        return new RecordRequest(context.patientId(), context.encounterId(), context.userId(), request.prefetch(),
                forRequest(request), request.hasFhirServer() ? request.fhirServer() : null);
    }

    private FhirQuery forRequest(HookRequest request) {
        if (!request.hasFhirServer()) {
            return localStore;
        }
        String token = request.fhirAuthorization() == null ? null : request.fhirAuthorization().accessToken();
        return new RemoteFhirQuery(http, fhirContext, request.fhirServer(), token, fetchBudget);
    }
}
