package org.genegate.security;

import com.nimbusds.jose.JWSAlgorithm;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The EHRs (CDS clients) GeneGate trusts to call its hooks, and how their JWTs are checked
 * ({@code genegate.security.*}; read only with the {@code security} profile).
 *
 * @param cdsClients       one entry per trusted issuer
 * @param clockSkew        tolerance on {@code exp}, {@code nbf} and {@code iat} for clocks that disagree
 * @param maxTokenLifetime a token whose {@code exp} lies further ahead is refused: it bounds how long a
 *                         {@code jti} must be remembered. Default 15 minutes, the longest a documented client
 *                         signs for (Epic's example token: exp - iat = 900 s; Inferno signs for 5 minutes);
 *                         an issuer may set its own
 * @param replayCacheSize  most {@code jti}s remembered at once; when all are still live, calls get 503
 * @param publicBaseUrl    the base URL clients call (e.g. {@code https://genegate.example.org}); the expected
 *                         {@code aud} is built from it; required with the security profile ({@link PublicBaseUrlGuard})
 */
@ConfigurationProperties(prefix = "genegate.security")
public record CdsClientSecurityProperties(List<TrustedCdsClient> cdsClients, Duration clockSkew,
                                          Duration maxTokenLifetime, Integer replayCacheSize, String publicBaseUrl) {

    /** Epic documents CDS Hooks JWTs that live 15 minutes (its example: exp - iat = 900 s). */
    static final Duration DEFAULT_MAX_TOKEN_LIFETIME = Duration.ofMinutes(15);

    public CdsClientSecurityProperties {
        cdsClients = cdsClients == null ? List.of() : List.copyOf(cdsClients);
        clockSkew = clockSkew == null ? Duration.ofSeconds(30) : clockSkew;
        maxTokenLifetime = maxTokenLifetime == null ? DEFAULT_MAX_TOKEN_LIFETIME : maxTokenLifetime;
        replayCacheSize = replayCacheSize == null ? 100_000 : replayCacheSize;
        publicBaseUrl = publicBaseUrl == null ? "" : publicBaseUrl.replaceAll("/+$", "");
        if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("genegate.security.clock-skew must be between 0 and 5 minutes");
        }
        requirePositive(maxTokenLifetime, "genegate.security.max-token-lifetime");
        if (replayCacheSize < 1) {
            throw new IllegalArgumentException("genegate.security.replay-cache-size must be at least 1");
        }
        Set<String> issuers = new HashSet<>();
        for (TrustedCdsClient client : cdsClients) {
            if (!issuers.add(client.issuer())) {
                throw new IllegalArgumentException("genegate.security.cds-clients lists issuer " + client.issuer()
                        + " twice");
            }
        }
    }

    /** The longest JWT lifetime accepted from this issuer: its own setting, else the global one. */
    public Duration maxTokenLifetime(TrustedCdsClient client) {
        return client.maxTokenLifetime() == null ? maxTokenLifetime : client.maxTokenLifetime();
    }

    private static void requirePositive(Duration duration, String property) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(property + " must be positive");
        }
    }

    /**
     * One trusted EHR.
     *
     * @param issuer     the exact {@code iss} of its JWTs
     * @param jwksUrl    where its public keys are, used whenever the token's {@code jku} is absent or not listed
     * @param allowedJku {@code jku} header values GeneGate may fetch keys from; any other {@code jku} is ignored
     * @param audience   accepted {@code aud} values instead of the called URL (Epic sites type it in by hand)
     * @param algorithms accepted signature algorithms; ES384 and RS384 unless the site allows more
     * @param maxTokenLifetime the longest JWT lifetime accepted from this issuer (tenant); null: the global one
     */
    public record TrustedCdsClient(String issuer, URI jwksUrl, List<URI> allowedJku, List<String> audience,
                                   List<String> algorithms, Duration maxTokenLifetime) {

        static final List<String> DEFAULT_ALGORITHMS = List.of("ES384", "RS384");

        public TrustedCdsClient {
            if (issuer == null || issuer.isBlank()) {
                throw new IllegalArgumentException("genegate.security.cds-clients[].issuer is required");
            }
            allowedJku = allowedJku == null ? List.of() : List.copyOf(allowedJku);
            audience = audience == null ? List.of() : List.copyOf(audience);
            algorithms = algorithms == null || algorithms.isEmpty() ? DEFAULT_ALGORITHMS : List.copyOf(algorithms);
            if (jwksUrl == null && allowedJku.isEmpty()) {
                throw new IllegalArgumentException("genegate.security.cds-clients for " + issuer
                        + " needs jwks-url or allowed-jku: GeneGate must know where the keys are");
            }
            if (maxTokenLifetime != null) {
                requirePositive(maxTokenLifetime, "genegate.security.cds-clients max-token-lifetime for " + issuer);
            }
            for (String algorithm : algorithms) {
                // CDS Hooks forbids "none" and every symmetric (HMAC) algorithm.
                JwtKeys.asymmetric(algorithm, "genegate.security.cds-clients for " + issuer);
            }
        }

        Set<JWSAlgorithm> jwsAlgorithms() {
            Set<JWSAlgorithm> parsed = new HashSet<>();
            algorithms.forEach(a -> parsed.add(JWSAlgorithm.parse(a)));
            return parsed;
        }
    }
}
