package org.genegate.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class OpenAccessGuardTest {

    @Test
    void loopbackNeedsNoFlag() throws UnknownHostException {
        assertThat(OpenAccessGuard.refusal(InetAddress.getByName("127.0.0.1"), false)).isEmpty();
        assertThat(OpenAccessGuard.refusal(InetAddress.getByName("::1"), false)).isEmpty();
    }

    @Test
    void anyOtherAddressNeedsSecurityOrTheFlag() throws UnknownHostException {
        assertThat(OpenAccessGuard.refusal(InetAddress.getByName("0.0.0.0"), false)).hasValueSatisfying(
                message -> assertThat(message).contains("--spring.profiles.active=security",
                        "genegate.security.allow-open-network=true"));
        assertThat(OpenAccessGuard.refusal(null, false)).hasValueSatisfying(
                message -> assertThat(message).contains("all interfaces"));
        assertThat(OpenAccessGuard.refusal(InetAddress.getByName("0.0.0.0"), true)).isEmpty();
    }
}
