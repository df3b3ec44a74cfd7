package org.genegate.security.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.genegate.security.settings.SecurityProperties.TrustedCdsClient;
import org.junit.jupiter.api.Test;

class SecurityPropertiesTest {

    private static final URI JWKS = URI.create("https://ehr.example.org/jwks.json");

    @Test
    void es384AndRs384AreTheDefaultAlgorithms() {
        TrustedCdsClient client = new TrustedCdsClient("https://ehr.example.org", JWKS, null, null, null, null);

        assertThat(client.algorithms()).containsExactly("ES384", "RS384");
    }

    @Test
    void symmetricAlgorithmsAndNoneCannotBeAllowed() {
        for (String algorithm : List.of("HS256", "HS384", "none")) {
            assertThatThrownBy(() -> new TrustedCdsClient("https://ehr.example.org", JWKS, null, null,
                    List.of("ES384", algorithm), null))
                    .hasMessageContaining("is not an asymmetric signature algorithm");
        }
    }

    @Test
    void anIssuerNeedsSomewhereToFindItsKeys() {
        assertThatThrownBy(() -> new TrustedCdsClient("https://ehr.example.org", null, List.of(), null, null, null))
                .hasMessageContaining("needs jwks-url or allowed-jku");
    }

    @Test
    void anIssuerIsListedOnce() {
        TrustedCdsClient client = new TrustedCdsClient("https://ehr.example.org", JWKS, null, null, null, null);

        assertThatThrownBy(() -> new SecurityProperties(List.of(client, client), null, null, null, null, false, null))
                .hasMessageContaining("twice");
    }

    @Test
    void theLifetimeDefaultsToEpicsFifteenMinutesAndAnIssuerMaySetItsOwn() {
        TrustedCdsClient epic = new TrustedCdsClient("https://epic.example.org", JWKS, null, null, null, null);
        TrustedCdsClient strict = new TrustedCdsClient("https://strict.example.org", JWKS, null, null, null,
                Duration.ofMinutes(5));
        SecurityProperties properties = new SecurityProperties(List.of(epic, strict), null, null, null, null, false,
                null);

        assertThat(properties.maxTokenLifetime(epic)).isEqualTo(Duration.ofSeconds(900));
        assertThat(properties.maxTokenLifetime(strict)).isEqualTo(Duration.ofMinutes(5));
        assertThatThrownBy(() -> new TrustedCdsClient("https://x.example.org", JWKS, null, null, null, Duration.ZERO))
                .hasMessageContaining("max-token-lifetime");
    }

    @Test
    void theSmartAuthorizationServerIsRequiredOnlyWhenAskedFor() {
        SecurityProperties open = new SecurityProperties(null, null, null, null, null, false, null);

        // Without the security profile nothing names an authorization server, and nothing needs one.
        assertThat(open.smart().issuer()).isNull();
        assertThat(open.smart().algorithms()).contains("RS256");
        assertThatThrownBy(() -> open.smart().requireAuthorizationServer())
                .hasMessageContaining("genegate.security.smart.issuer")
                .hasMessageContaining("genegate.security.smart.token-endpoint");
    }
}
