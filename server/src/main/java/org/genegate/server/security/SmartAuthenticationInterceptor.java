package org.genegate.server.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;

/**
 * Every {@code /fhir} request but {@code metadata} needs a valid SMART bearer token: none or a bad one
 * is a 401 OperationOutcome with a {@code WWW-Authenticate: Bearer} challenge. The verified access is
 * left on the request for search narrowing and authorization, which run after this.
 */
@Interceptor
final class SmartAuthenticationInterceptor {

    /** Before HAPI's SearchNarrowingInterceptor (order 0) on the same pointcut: it reads the access. */
    private static final int BEFORE_SEARCH_NARROWING = -100;
    private static final String BEARER = "bearer ";

    private final SmartTokenVerifier verifier;

    SmartAuthenticationInterceptor(SmartTokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED, order = BEFORE_SEARCH_NARROWING)
    public void authenticate(RequestDetails request) {
        if (request.getRestOperationType() == RestOperationTypeEnum.METADATA) {
            return;
        }
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw challenge(new AuthenticationException(
                    "This FHIR server needs a SMART on FHIR access token (Authorization: Bearer ...); "
                            + "see .well-known/smart-configuration"), null);
        }
        try {
            verifier.verify(authorization.substring(BEARER.length()).trim()).storeIn(request);
        } catch (SmartTokenVerifier.InvalidTokenException e) {
            // HAPI logs the refusal and its reason in one line.
            throw challenge(new AuthenticationException(e.getMessage()), "invalid_token");
        }
    }

    /** RFC 6750: a Bearer challenge, with an error code only when a token was sent. */
    private static AuthenticationException challenge(AuthenticationException e, String error) {
        e.addResponseHeader("WWW-Authenticate",
                "Bearer realm=\"fhir\"" + (error == null ? "" : ", error=\"" + error + "\""));
        return e;
    }
}
