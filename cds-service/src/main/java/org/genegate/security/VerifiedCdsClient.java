package org.genegate.security;

import java.time.Instant;

/**
 * Who signed a hook or feedback call, once the JWT checked out. Kept as a request attribute so that
 * audit records can say which EHR sent what.
 *
 * @param issuer   the trusted {@code iss}
 * @param subject  {@code sub}, when the EHR sends one
 * @param tenant   {@code tenant}, when the EHR sends one
 * @param keyId    {@code kid} of the key that verified the signature
 * @param jwtId    {@code jti}
 * @param issuedAt {@code iat}
 */
public record VerifiedCdsClient(String issuer, String subject, String tenant, String keyId, String jwtId,
                                Instant issuedAt) {

    /** Name of the request attribute that holds the caller of a verified request. */
    public static final String REQUEST_ATTRIBUTE = VerifiedCdsClient.class.getName();
}
