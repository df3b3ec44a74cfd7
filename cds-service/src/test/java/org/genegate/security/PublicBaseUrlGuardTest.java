package org.genegate.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PublicBaseUrlGuardTest {

    @Test
    void anAbsoluteHttpsOrHttpUrlIsAccepted() {
        assertThat(PublicBaseUrlGuard.refusal("https://genegate.example.org")).isEmpty();
        assertThat(PublicBaseUrlGuard.refusal("http://localhost:8080")).isEmpty();
    }

    @Test
    void emptyRelativeOrOtherSchemesAreRefused() {
        assertThat(PublicBaseUrlGuard.refusal("")).get().asString().contains("is not set");
        assertThat(PublicBaseUrlGuard.refusal(null)).get().asString().contains("is not set");
        assertThat(PublicBaseUrlGuard.refusal("genegate.example.org")).get().asString().contains("absolute");
        assertThat(PublicBaseUrlGuard.refusal("ftp://genegate.example.org")).get().asString().contains("absolute");
        assertThat(PublicBaseUrlGuard.refusal("https://genegate.example.org/?x=1")).get().asString()
                .contains("absolute");
        assertThat(PublicBaseUrlGuard.refusal("https://exa mple.org")).get().asString().contains("not a URL");
    }
}
