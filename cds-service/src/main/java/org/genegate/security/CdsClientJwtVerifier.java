package org.genegate.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.ResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.URI;
import java.security.Key;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.genegate.hooks.HookRequestException;
import org.genegate.security.settings.SecurityProperties;
import org.genegate.security.settings.SecurityProperties.TrustedCdsClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * Checks the bearer JWT of a CDS Hooks call as CDS Hooks 2.0 "Trusting CDS Clients" asks: a trusted
 * {@code iss}; an asymmetric signature (never {@code none} or HMAC) by a key of that issuer's JWKS, found by
 * {@code kid}; {@code aud} naming the called URL; {@code exp}, {@code iat} and {@code nbf} within the clock
 * skew; and a {@code jti} not seen before. Signature checking is nimbus-jose-jwt's; this class decides
 * which keys and claims count.
 */
public final class CdsClientJwtVerifier {

    private static final Logger log = LoggerFactory.getLogger(CdsClientJwtVerifier.class);

    private final Map<String, TrustedIssuer> issuers = new HashMap<>();
    private final Duration clockSkew;
    private final SecurityProperties properties;
    private final JtiRegistry replays;
    private final Clock clock;

    public CdsClientJwtVerifier(SecurityProperties properties, ResourceRetriever jwksRetriever,
                                JtiRegistry replays, Clock clock) {
        for (TrustedCdsClient client : properties.cdsClients()) {
            issuers.put(client.issuer(), new TrustedIssuer(client, jwksRetriever));
        }
        this.clockSkew = properties.clockSkew();
        this.properties = properties;
        this.replays = replays;
        this.clock = clock;
    }

    /**
     * @param token     the bearer token, without "Bearer "
     * @param calledUrl the URL the client called, which {@code aud} must name unless the issuer's audience is set
     * @throws HookRequestException 401 when the token is not accepted, saying why
     */
    public VerifiedCdsClient verify(String token, String calledUrl) {
        SignedJWT jwt = signedJwt(token);
        JWSHeader header = jwt.getHeader();
        JWSAlgorithm algorithm = header.getAlgorithm();
        if (JWSAlgorithm.Family.HMAC_SHA.contains(algorithm)) {
            throw rejected("The JWT is signed with " + algorithm
                    + ", a symmetric (HMAC) algorithm, which CDS Hooks forbids");
        }
        if (header.getKeyID() == null || header.getKeyID().isBlank()) {
            throw rejected("The JWT header has no kid");
        }
        String issuer = unverifiedIssuer(jwt);
        TrustedIssuer trusted = issuers.get(issuer);
        if (trusted == null) {
            throw rejected("The JWT issuer " + quote(issuer)
                    + " is not a trusted CDS client");
        }
        if (!trusted.algorithms.contains(algorithm)) {
            throw rejected("The JWT is signed with " + algorithm
                    + ", which is not accepted from " + issuer + " (accepted: " + trusted.client.algorithms() + ")");
        }
        JWTClaimsSet claims = trusted.verifySignature(jwt);
        Instant now = clock.instant();
        Instant expiry = checkTimes(claims, now, properties.maxTokenLifetime(trusted.client));
        checkAudience(claims, trusted.client, calledUrl);
        String jti = claims.getJWTID();
        if (jti == null || jti.isBlank()) {
            throw rejected("The JWT has no jti");
        }
        if (!replays.firstUse(issuer, jti, expiry.plus(clockSkew), now)) {
            throw rejected("The JWT with jti " + quote(jti)
                    + " was already used; sign each call anew");
        }
        return new VerifiedCdsClient(issuer, claims.getSubject(), stringClaim(claims, "tenant"), header.getKeyID(),
                jti, claims.getIssueTime().toInstant());
    }

    private static SignedJWT signedJwt(String token) {
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            throw rejected("The bearer token is not a JWT");
        }
        if (jwt instanceof PlainJWT) {
            throw rejected(
                    "The JWT is unsigned (alg none), which CDS Hooks forbids");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw rejected("Encrypted JWTs are not accepted; sign it (ES384 or RS384)");
        }
        return signed;
    }

    private static String unverifiedIssuer(SignedJWT jwt) {
        try {
            String issuer = jwt.getJWTClaimsSet().getIssuer();
            if (issuer == null) {
                throw rejected("The JWT has no iss");
            }
            return issuer;
        } catch (ParseException e) {
            throw rejected("The JWT claims are not a JSON object of JWT claims");
        }
    }

    /** @return the expiry time */
    private Instant checkTimes(JWTClaimsSet claims, Instant now, Duration maxTokenLifetime) {
        Date exp = claims.getExpirationTime();
        Date iat = claims.getIssueTime();
        if (exp == null || iat == null) {
            throw rejected("The JWT lacks exp or iat, which CDS Hooks requires");
        }
        Instant expiry = exp.toInstant();
        if (now.isAfter(expiry.plus(clockSkew))) {
            throw expired("The JWT expired at " + expiry);
        }
        if (iat.toInstant().isAfter(now.plus(clockSkew))) {
            throw rejected("The JWT is issued in the future (iat " + iat.toInstant()
                    + ")");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && nbf.toInstant().isAfter(now.plus(clockSkew))) {
            throw rejected("The JWT is not valid before " + nbf.toInstant());
        }
        if (expiry.isAfter(now.plus(maxTokenLifetime).plus(clockSkew))) {
            throw rejected("The JWT is valid until " + expiry + ", longer than the "
                    + maxTokenLifetime.toMinutes() + " minutes GeneGate accepts");
        }
        return expiry;
    }

    private static void checkAudience(JWTClaimsSet claims, TrustedCdsClient client, String calledUrl) {
        // The service URL with or without a trailing slash is one service, so either spelling of it is its aud.
        String withoutSlash = calledUrl.replaceAll("/+$", "");
        List<String> expected = !client.audience().isEmpty() ? client.audience()
                : withoutSlash.equals(calledUrl) ? List.of(calledUrl) : List.of(calledUrl, withoutSlash);
        List<String> audience = claims.getAudience();
        if (audience.stream().noneMatch(expected::contains)) {
            throw rejected("The JWT audience " + audience
                    + " does not name this service (expected " + String.join(" or ", expected) + ")");
        }
    }

    private static HookRequestException rejected(String message) {
        return new HookRequestException(HttpStatus.UNAUTHORIZED, "security", message);
    }

    /** FHIR issue type {@code expired}: the token's lifetime is over. */
    private static HookRequestException expired(String message) {
        return new HookRequestException(HttpStatus.UNAUTHORIZED, "expired", message);
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        return value instanceof String text ? text : null;
    }

    private static String quote(String value) {
        return "'" + (value.length() > 200 ? value.substring(0, 200) + "..." : value) + "'";
    }

    /** One trusted issuer: its algorithms and key sources, and a processor that checks signatures only. */
    private static final class TrustedIssuer {

        private final TrustedCdsClient client;
        private final Set<JWSAlgorithm> algorithms;
        private final JWKSource<SecurityContext> configuredKeys;
        private final Map<URI, JWKSource<SecurityContext>> allowedJkuKeys = new HashMap<>();
        private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

        TrustedIssuer(TrustedCdsClient client, ResourceRetriever retriever) {
            this.client = client;
            this.algorithms = client.jwsAlgorithms();
            String property = "genegate.security.cds-clients for " + client.issuer();
            this.configuredKeys = client.jwksUrl() == null ? null
                    : JwtKeys.cachedSource(client.jwksUrl(), retriever, property + ": jwks-url");
            for (URI jku : client.allowedJku()) {
                allowedJkuKeys.put(jku, JwtKeys.cachedSource(jku, retriever, property + ": allowed-jku"));
            }
            processor.setJWSKeySelector(this::selectKeys);
            // exp, iat, aud and jti are checked by the verifier with its own clock and messages.
            processor.setJWTClaimsSetVerifier(null);
        }

        private List<? extends Key> selectKeys(JWSHeader header, SecurityContext context) throws KeySourceException {
            JWKSource<SecurityContext> source = allowedJkuKeys.get(header.getJWKURL());
            if (source == null) {
                if (configuredKeys == null) {
                    throw new KeySourceException("jku " + header.getJWKURL() + " is not on the allow-list of "
                            + client.issuer());
                }
                if (header.getJWKURL() != null) {
                    log.debug("jku {} not allowed for {}; using its configured JWKS", header.getJWKURL(),
                            client.issuer());
                }
                source = configuredKeys;
            }
            String unknown = "No " + header.getAlgorithm() + " key with kid '" + header.getKeyID()
                    + "' in the JWKS of " + client.issuer();
            List<? extends Key> keys;
            try {
                keys = new JWSVerificationKeySelector<>(header.getAlgorithm(), source).selectJWSKeys(header, context);
            } catch (RateLimitReachedException e) {
                // An unknown kid refetches the JWKS, at most every 30 s; within that the cached set stands.
                throw new UnknownKeyException(unknown + " (refetched less than 30 s ago)");
            }
            if (keys.isEmpty()) {
                throw new UnknownKeyException(unknown);
            }
            return keys;
        }

        JWTClaimsSet verifySignature(SignedJWT jwt) {
            try {
                return processor.process(jwt, null);
            } catch (UnknownKeyException e) {
                throw rejected(e.getMessage());
            } catch (KeySourceException e) {
                log.warn("keys of CDS client {} unavailable: {}", client.issuer(), e.getMessage());
                throw rejected("The keys of " + client.issuer()
                        + " could not be had: " + e.getMessage());
            } catch (BadJWSException e) {
                throw rejected("The JWT signature does not verify with key '"
                        + jwt.getHeader().getKeyID() + "' of " + client.issuer());
            } catch (BadJOSEException | JOSEException e) {
                throw rejected("The JWT was refused: " + e.getMessage());
            }
        }
    }

    private static final class UnknownKeyException extends KeySourceException {
        UnknownKeyException(String message) {
            super(message);
        }
    }
}
