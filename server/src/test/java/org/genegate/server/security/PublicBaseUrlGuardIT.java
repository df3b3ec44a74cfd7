package org.genegate.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.common.base.Throwables;
import org.genegate.server.GeneGateServerApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The security profile without a public base URL stops before the port opens: otherwise the Host header of each
 * request would decide which {@code aud} is accepted and where links point.
 */
class PublicBaseUrlGuardIT {

    @Test
    void theSecurityProfileDoesNotStartWithoutAPublicBaseUrl() {
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(GeneGateServerApplication.class)
                .profiles("security").run("--server.port=0", "--server.address=127.0.0.1",
                        "--spring.datasource.url=jdbc:h2:mem:public-base-url-guard",
                        "--genegate.terminology.install=false", "--genegate.profiles.install=false",
                        "--genegate.security.smart.issuer=https://auth.example.org",
                        "--genegate.security.smart.jwks-url=https://auth.example.org/jwks",
                        "--genegate.security.smart.authorization-endpoint=https://auth.example.org/authorize",
                        "--genegate.security.smart.token-endpoint=https://auth.example.org/token"));

        assertThat(failure).isNotNull();
        assertThat(Throwables.getRootCause(failure)).hasMessageContaining("genegate.security.public-base-url")
                .hasMessageContaining("Host header");
    }
}
