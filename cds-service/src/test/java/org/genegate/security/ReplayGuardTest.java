package org.genegate.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.genegate.hooks.HookRequestException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class ReplayGuardTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    private static final Instant LATER = NOW.plus(Duration.ofMinutes(5));

    @Test
    void aJtiIsAcceptedOncePerIssuerUntilItExpires() {
        ReplayGuard guard = new ReplayGuard(10);

        assertThat(guard.firstUse("https://ehr-a", "jti-1", LATER, NOW)).isTrue();
        assertThat(guard.firstUse("https://ehr-a", "jti-1", LATER, NOW.plusSeconds(60))).isFalse();
        assertThat(guard.firstUse("https://ehr-b", "jti-1", LATER, NOW)).isTrue();
        // Once the token has expired it is refused by its exp anyway; its jti is forgotten.
        assertThat(guard.firstUse("https://ehr-a", "jti-1", LATER.plusSeconds(600), LATER.plusSeconds(1))).isTrue();
    }

    @Test
    void expiredEntriesLeaveSoTheStoreStaysBounded() {
        ReplayGuard guard = new ReplayGuard(2);
        guard.firstUse("iss", "a", NOW.plusSeconds(10), NOW);
        guard.firstUse("iss", "b", NOW.plusSeconds(20), NOW);

        assertThat(guard.firstUse("iss", "c", NOW.plusSeconds(90), NOW.plusSeconds(15))).isTrue();
        assertThat(guard.size()).isEqualTo(2);
    }

    @Test
    void aFullStoreOfLiveTokensRefusesRatherThanForgets() {
        ReplayGuard guard = new ReplayGuard(2);
        guard.firstUse("iss", "a", LATER, NOW);
        guard.firstUse("iss", "b", LATER, NOW);

        assertThatThrownBy(() -> guard.firstUse("iss", "c", LATER, NOW))
                .isInstanceOfSatisfying(HookRequestException.class,
                        e -> assertThat(e.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
        assertThat(guard.firstUse("iss", "a", LATER, NOW)).isFalse();
    }
}
