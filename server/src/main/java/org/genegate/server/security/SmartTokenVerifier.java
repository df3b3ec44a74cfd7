package org.genegate.server.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.ResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.genegate.security.JwtKeys;
import org.genegate.security.settings.SecurityProperties;
import org.genegate.security.settings.SecurityProperties.Smart;

/**
 * Verifies a SMART access token issued as a JWT by the configured authorization server: its signature
 * (keys from the server's JWKS, asymmetric algorithms only), {@code iss}, {@code exp}/{@code nbf} with clock
 * skew, {@code aud} (the configured audience, else this server's FHIR base URL) and the token's lifetime
 * (at most {@code max-token-lifetime}); then reads its scopes and launch patient. Opaque tokens
 * (introspection) are not supported. Signature checking is nimbus-jose-jwt's.
 */
final class SmartTokenVerifier {

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final String patientClaim;
    private final Duration maxLifetime;
    private final Duration clockSkew;
    private final Clock clock;

    /** @param fhirBase this server's FHIR base URL, the {@code aud} expected when none is configured */
    SmartTokenVerifier(Smart properties, String fhirBase, ResourceRetriever jwksRetriever, Clock clock) {
        JWKSource<SecurityContext> keys = JwtKeys.cachedSource(properties.jwksUrl(), jwksRetriever,
                "genegate.security.smart.jwks-url");
        Set<JWSAlgorithm> algorithms = new HashSet<>();
        for (String name : properties.algorithms()) {
            algorithms.add(SecurityProperties.asymmetricAlgorithm(name, "genegate.security.smart.algorithms"));
        }
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, keys));
        // RFC 9068 access tokens say "at+jwt"; many authorization servers still say "JWT" or nothing.
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT,
                new JOSEObjectType("at+jwt"), new JOSEObjectType("application/at+jwt"), null));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                new HashSet<>(properties.audience().isEmpty() ? List.of(fhirBase) : properties.audience()),
                new JWTClaimsSet.Builder().issuer(properties.issuer()).build(), Set.of("exp"), null);
        claims.setMaxClockSkew((int) properties.clockSkew().toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
        this.patientClaim = properties.patientClaim();
        this.maxLifetime = properties.maxTokenLifetime();
        this.clockSkew = properties.clockSkew();
        this.clock = clock;
    }

    /** @throws InvalidTokenException saying why the token is refused */
    SmartAccess verify(String token) {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException e) {
            throw new InvalidTokenException("The access token is not a signed JWT");
        } catch (BadJOSEException | JOSEException e) {
            throw new InvalidTokenException("The access token was refused: " + e.getMessage());
        }
        checkLifetime(claims);
        List<SmartScope> scopes = new ArrayList<>();
        for (String scope : scopeNames(claims)) {
            SmartScope.parse(scope).ifPresent(scopes::add);
        }
        // Authorization servers send the launch patient as a bare id; some as "Patient/<id>".
        String patient = stringClaim(claims, patientClaim).map(id -> id.replaceFirst("^Patient/", "")).orElse(null);
        String client = stringClaim(claims, "client_id").or(() -> stringClaim(claims, "azp")).orElse(null);
        return new SmartAccess(List.copyOf(scopes), patient, claims.getIssuer(), claims.getSubject(), client);
    }

    /** exp is required (checked above); it may lie at most the lifetime after iat, and after now. */
    private void checkLifetime(JWTClaimsSet claims) {
        Instant expires = claims.getExpirationTime().toInstant();
        Instant from = claims.getIssueTime() == null ? clock.instant() : claims.getIssueTime().toInstant();
        Instant latest = (from.isBefore(clock.instant()) ? from : clock.instant()).plus(maxLifetime).plus(clockSkew);
        if (expires.isAfter(latest)) {
            throw new InvalidTokenException("The access token's lifetime is longer than the " + maxLifetime.toMinutes()
                    + " minutes this server accepts (genegate.security.smart.max-token-lifetime)");
        }
    }

    /** {@code scope} as a space-separated string (SMART, RFC 9068) or {@code scp} as a list (some servers). */
    private static List<String> scopeNames(JWTClaimsSet claims) {
        Object scope = claims.getClaim("scope");
        if (scope == null) {
            scope = claims.getClaim("scp");
        }
        if (scope instanceof String text) {
            return List.of(text.trim().split("\\s+"));
        }
        if (scope instanceof List<?> list) {
            return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        return List.of();
    }

    private static Optional<String> stringClaim(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        return value instanceof String text && !text.isBlank() ? Optional.of(text) : Optional.empty();
    }

    /** The token is missing, malformed, wrongly signed, expired or not ours. */
    static final class InvalidTokenException extends RuntimeException {
        InvalidTokenException(String message) {
            super(message);
        }
    }
}
