package org.genegate.security.settings;

import com.nimbusds.jose.JWSAlgorithm;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Every security setting ({@code genegate.security.*}): the EHRs (CDS clients) GeneGate trusts to call its hooks and
 * how their JWTs are checked, the SMART authorization server of {@code /fhir}, the public base URL, and whether an
 * open server may listen beyond loopback. The CDS client and SMART settings take effect with the {@code security}
 * profile.
 *
 * @param cdsClients       one entry per trusted issuer
 * @param clockSkew        tolerance on {@code exp}, {@code nbf} and {@code iat} for clocks that disagree
 * @param maxTokenLifetime a token whose {@code exp} lies further ahead is refused: it bounds how long a
 *                         {@code jti} must be remembered. Default 15 minutes, the longest a documented client
 *                         signs for (Epic's example token: exp - iat = 900 s; Inferno signs for 5 minutes);
 *                         an issuer may set its own
 * @param replayCacheSize  most {@code jti}s remembered at once; when all are still live, calls get 503
 * @param publicBaseUrl    the base URL clients call (e.g. {@code https://genegate.example.org}); the expected
 *                         {@code aud} is built from it; required with the security profile ({@code PublicBaseUrlGuard})
 * @param allowOpenNetwork serve {@code /fhir} and {@code /cds-services} without the security profile on an address
 *                         beyond loopback (default false: such a server does not start)
 * @param smart            the SMART on FHIR authorization server ({@code genegate.security.smart.*})
 */
@ConfigurationProperties(prefix = "genegate.security")
public record SecurityProperties(List<TrustedCdsClient> cdsClients, Duration clockSkew, Duration maxTokenLifetime,
                                 Integer replayCacheSize, String publicBaseUrl, boolean allowOpenNetwork,
                                 Smart smart) {

    /** Epic documents CDS Hooks JWTs that live 15 minutes (its example: exp - iat = 900 s). */
    static final Duration DEFAULT_MAX_TOKEN_LIFETIME = Duration.ofMinutes(15);

    public SecurityProperties {
        smart = smart == null ? Smart.unset() : smart;
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

    /** The JWS algorithm of this name, refused unless it is an asymmetric signature algorithm. */
    public static JWSAlgorithm asymmetricAlgorithm(String name, String property) {
        JWSAlgorithm algorithm = JWSAlgorithm.parse(name);
        if (!JWSAlgorithm.Family.SIGNATURE.contains(algorithm)) {
            throw new IllegalArgumentException(property + ": " + name + " is not an asymmetric signature algorithm");
        }
        return algorithm;
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
                asymmetricAlgorithm(algorithm, "genegate.security.cds-clients for " + issuer);
            }
        }

        public Set<JWSAlgorithm> jwsAlgorithms() {
            Set<JWSAlgorithm> parsed = new HashSet<>();
            algorithms.forEach(a -> parsed.add(JWSAlgorithm.parse(a)));
            return parsed;
        }
    }

    /**
     * The SMART on FHIR authorization server whose access tokens {@code /fhir} accepts
     * ({@code genegate.security.smart.*}; required with the {@code security} profile, see
     * {@link #requireAuthorizationServer()}). Its endpoints are advertised in
     * {@code .well-known/smart-configuration} and in the CapabilityStatement.
     *
     * @param issuer                 exact {@code iss} of the access tokens
     * @param jwksUrl                the authorization server's JWKS (signing keys of its tokens)
     * @param audience               accepted {@code aud} values; empty: this server's FHIR base URL (from
     *                               {@code genegate.security.public-base-url}), so a token minted for another server
     *                               is refused
     * @param algorithms             accepted signature algorithms (asymmetric only)
     * @param patientClaim           claim holding the launch patient's id in a patient-context token
     * @param clockSkew              tolerance on {@code exp} and {@code nbf}
     * @param maxTokenLifetime       a token valid for longer than this (from {@code iat}, or from now without one) is
     *                               refused: a leaked token must not open the record for years
     * @param capabilities           SMART capabilities of the authorization server and this server together
     * @param scopesSupported        scopes the authorization server grants
     * @param grantTypesSupported    OAuth grant types of the authorization server
     * @param tokenEndpointAuthMethodsSupported client authentication methods at the token endpoint
     */
    public record Smart(String issuer, URI jwksUrl, List<String> audience, List<String> algorithms,
                        String patientClaim, Duration clockSkew, Duration maxTokenLifetime, URI authorizationEndpoint,
                        URI tokenEndpoint, URI revocationEndpoint, URI introspectionEndpoint,
                        URI managementEndpoint, URI registrationEndpoint, List<String> capabilities,
                        List<String> scopesSupported, List<String> grantTypesSupported,
                        List<String> tokenEndpointAuthMethodsSupported) {

        static final String OPENID_CAPABILITY = "sso-openid-connect";

        public Smart {
            audience = audience == null ? List.of() : List.copyOf(audience);
            algorithms = algorithms == null || algorithms.isEmpty()
                    ? List.of("RS256", "RS384", "ES256", "ES384") : List.copyOf(algorithms);
            patientClaim = patientClaim == null || patientClaim.isBlank() ? "patient" : patientClaim;
            clockSkew = clockSkew == null ? Duration.ofSeconds(30) : clockSkew;
            maxTokenLifetime = maxTokenLifetime == null ? Duration.ofHours(1) : maxTokenLifetime;
            if (maxTokenLifetime.isNegative() || maxTokenLifetime.isZero()) {
                throw new IllegalArgumentException("genegate.security.smart.max-token-lifetime must be positive");
            }
            capabilities = capabilities == null || capabilities.isEmpty() ? List.of("launch-ehr",
                    "launch-standalone", "client-public", "client-confidential-symmetric", "context-ehr-patient",
                    "context-standalone-patient", "permission-patient", "permission-user", "permission-v1",
                    "permission-v2") : List.copyOf(capabilities);
            scopesSupported = scopesSupported == null || scopesSupported.isEmpty() ? List.of("openid", "fhirUser",
                    "launch", "launch/patient", "offline_access", "online_access", "patient/*.read", "patient/*.rs",
                    "patient/*.write", "patient/*.cruds", "user/*.read", "user/*.rs", "user/*.write", "user/*.cruds")
                    : List.copyOf(scopesSupported);
            grantTypesSupported = grantTypesSupported == null || grantTypesSupported.isEmpty()
                    ? List.of("authorization_code") : List.copyOf(grantTypesSupported);
            tokenEndpointAuthMethodsSupported = tokenEndpointAuthMethodsSupported == null
                    || tokenEndpointAuthMethodsSupported.isEmpty()
                    ? List.of("client_secret_basic") : List.copyOf(tokenEndpointAuthMethodsSupported);
        }

        /** No authorization server configured (the defaults only), as without the security profile. */
        static Smart unset() {
            return new Smart(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                    null, null);
        }

        /**
         * This configuration, once it names the authorization server: the security profile does not start without
         * one.
         */
        public Smart requireAuthorizationServer() {
            List<String> missing = new ArrayList<>();
            if (issuer == null || issuer.isBlank()) {
                missing.add("issuer");
            }
            if (jwksUrl == null) {
                missing.add("jwks-url");
            }
            if (authorizationEndpoint == null) {
                missing.add("authorization-endpoint");
            }
            if (tokenEndpoint == null) {
                missing.add("token-endpoint");
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("The security profile needs the SMART authorization server: set "
                        + String.join(", ", missing.stream().map(key -> "genegate.security.smart." + key).toList()));
            }
            return this;
        }

        /** OpenID Connect sign-in: the well-known document then names the issuer and its JWKS. */
        public boolean openIdConnect() {
            return capabilities.contains(OPENID_CAPABILITY);
        }
    }
}
