package org.genegate.server.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizedList;
import ca.uhn.fhir.rest.server.interceptor.auth.SearchNarrowingInterceptor;

/**
 * A patient-level token's searches are narrowed to its launch patient ({@code Observation?code=...} becomes
 * {@code Observation?code=...&patient=Patient/<id>}), so an app need not repeat the patient in every
 * query; authorization then checks what comes back.
 */
final class SmartSearchNarrowingInterceptor extends SearchNarrowingInterceptor {

    @Override
    protected AuthorizedList buildAuthorizedList(RequestDetails request) {
        SmartAccess access = SmartAccess.of(request);
        String type = request.getResourceName(); // null for a transaction: its entries come here one by one
        if (access == null || !access.patientOnly()
                || (type != null && SmartAuthorizationInterceptor.SHARED_REFERENCE_TYPES.contains(type))) {
            return null; // reference data (Practitioner, ValueSet...) belongs to no patient: nothing to narrow
        }
        return new AuthorizedList().addCompartment("Patient/" + access.patientId());
    }
}
