package org.genegate.server.security;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.util.List;
import org.genegate.security.settings.SecurityProperties.Smart;

/**
 * The {@code .well-known/smart-configuration} document (SMART App Launch 2.x §Well-Known). PKCE is S256
 * only: "plain" is never offered. {@code issuer} and {@code jwks_uri} appear only with OpenID Connect
 * ({@code sso-openid-connect}), as the SMART test kit expects.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record SmartConfiguration(
        @JsonProperty("issuer") String issuer,
        @JsonProperty("jwks_uri") URI jwksUri,
        @JsonProperty("authorization_endpoint") URI authorizationEndpoint,
        @JsonProperty("token_endpoint") URI tokenEndpoint,
        @JsonProperty("token_endpoint_auth_methods_supported") List<String> tokenEndpointAuthMethodsSupported,
        @JsonProperty("grant_types_supported") List<String> grantTypesSupported,
        @JsonProperty("registration_endpoint") URI registrationEndpoint,
        @JsonProperty("scopes_supported") List<String> scopesSupported,
        @JsonProperty("response_types_supported") List<String> responseTypesSupported,
        @JsonProperty("management_endpoint") URI managementEndpoint,
        @JsonProperty("introspection_endpoint") URI introspectionEndpoint,
        @JsonProperty("revocation_endpoint") URI revocationEndpoint,
        @JsonProperty("capabilities") List<String> capabilities,
        @JsonProperty("code_challenge_methods_supported") List<String> codeChallengeMethodsSupported) {

    static SmartConfiguration of(Smart properties) {
        boolean openId = properties.openIdConnect();
        return new SmartConfiguration(openId ? properties.issuer() : null, openId ? properties.jwksUrl() : null,
                properties.authorizationEndpoint(), properties.tokenEndpoint(),
                properties.tokenEndpointAuthMethodsSupported(), properties.grantTypesSupported(),
                properties.registrationEndpoint(), properties.scopesSupported(), List.of("code"),
                properties.managementEndpoint(), properties.introspectionEndpoint(),
                properties.revocationEndpoint(), properties.capabilities(), List.of("S256"));
    }
}
