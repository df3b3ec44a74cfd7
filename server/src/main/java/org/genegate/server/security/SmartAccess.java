package org.genegate.server.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.List;

/**
 * What a verified SMART access token lets its bearer do.
 *
 * @param scopes    its resource scopes (others, like {@code openid}, are dropped)
 * @param patientId the launch patient's id; null when the token has no patient context
 * @param issuer    the authorization server that issued it
 * @param subject   its {@code sub}: the user (or system) it was issued to; null when absent
 * @param clientId  the app it was issued to ({@code client_id}, else {@code azp}); null when absent
 */
public record SmartAccess(List<SmartScope> scopes, String patientId, String issuer, String subject,
                          String clientId) {

    private static final String USER_DATA_KEY = SmartAccess.class.getName();

    void storeIn(RequestDetails request) {
        request.getUserData().put(USER_DATA_KEY, this);
    }

    /** The access verified for this request, or null when none was needed (metadata). */
    static SmartAccess of(RequestDetails request) {
        return (SmartAccess) request.getUserData().get(USER_DATA_KEY);
    }

    /** True when every scope is patient-level, so searches can be narrowed to the launch patient. */
    boolean patientOnly() {
        return patientId != null && !scopes.isEmpty()
                && scopes.stream().allMatch(scope -> scope.context() == SmartScope.Context.PATIENT);
    }
}
