package org.genegate.server.security;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The SMART on FHIR authorization server whose access tokens {@code /fhir} accepts
 * ({@code genegate.security.smart.*}; read only with the {@code security} profile). Its endpoints are
 * advertised in {@code .well-known/smart-configuration} and in the CapabilityStatement.
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
@ConfigurationProperties(prefix = "genegate.security.smart")
public record SmartProperties(String issuer, URI jwksUrl, List<String> audience, List<String> algorithms,
                              String patientClaim, Duration clockSkew, Duration maxTokenLifetime,
                              URI authorizationEndpoint,
                              URI tokenEndpoint, URI revocationEndpoint, URI introspectionEndpoint,
                              URI managementEndpoint, URI registrationEndpoint, List<String> capabilities,
                              List<String> scopesSupported, List<String> grantTypesSupported,
                              List<String> tokenEndpointAuthMethodsSupported) {

    static final String OPENID_CAPABILITY = "sso-openid-connect";

    public SmartProperties {
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
        audience = audience == null ? List.of() : List.copyOf(audience);
        algorithms = algorithms == null || algorithms.isEmpty()
                ? List.of("RS256", "RS384", "ES256", "ES384") : List.copyOf(algorithms);
        patientClaim = patientClaim == null || patientClaim.isBlank() ? "patient" : patientClaim;
        clockSkew = clockSkew == null ? Duration.ofSeconds(30) : clockSkew;
        maxTokenLifetime = maxTokenLifetime == null ? Duration.ofHours(1) : maxTokenLifetime;
        if (maxTokenLifetime.isNegative() || maxTokenLifetime.isZero()) {
            throw new IllegalArgumentException("genegate.security.smart.max-token-lifetime must be positive");
        }
        capabilities = capabilities == null || capabilities.isEmpty() ? List.of("launch-ehr", "launch-standalone",
                "client-public", "client-confidential-symmetric", "context-ehr-patient", "context-standalone-patient",
                "permission-patient", "permission-user", "permission-v1", "permission-v2") : List.copyOf(capabilities);
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

    /** OpenID Connect sign-in: the well-known document then names the issuer and its JWKS. */
    boolean openIdConnect() {
        return capabilities.contains(OPENID_CAPABILITY);
    }
}
