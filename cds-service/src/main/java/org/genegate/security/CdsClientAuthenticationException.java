package org.genegate.security;

import org.springframework.http.HttpStatus;

/** A hook or feedback call refused before it is read, because its bearer JWT did not check out. */
public class CdsClientAuthenticationException extends RuntimeException {

    private final HttpStatus status;
    private final String issueCode;

    private CdsClientAuthenticationException(HttpStatus status, String issueCode, String message) {
        super(message);
        this.status = status;
        this.issueCode = issueCode;
    }

    /** 401: no token, or one GeneGate does not accept. */
    static CdsClientAuthenticationException rejected(String message) {
        return new CdsClientAuthenticationException(HttpStatus.UNAUTHORIZED, "security", message);
    }

    /** 401: the token's lifetime is over (FHIR issue type {@code expired}). */
    static CdsClientAuthenticationException expired(String message) {
        return new CdsClientAuthenticationException(HttpStatus.UNAUTHORIZED, "expired", message);
    }

    /** 503: every remembered jti is still live, so a replay could not be ruled out. */
    static CdsClientAuthenticationException replayCacheFull() {
        return new CdsClientAuthenticationException(HttpStatus.SERVICE_UNAVAILABLE, "throttled",
                "Too many signed calls in flight to rule out a replay; retry shortly");
    }

    public HttpStatus status() {
        return status;
    }

    public String issueCode() {
        return issueCode;
    }
}
