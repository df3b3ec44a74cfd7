package org.genegate.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.genegate.server.GeneGateServerApplication;
import org.assertj.core.util.Throwables;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Start-up on a non-loopback address without the security profile stops before the port opens (and before
 * the FHIR store is built, so this costs seconds, not a whole context).
 */
class OpenNetworkGuardIT {

    @Test
    void anOpenAddressWithoutSecurityStopsStartUp() {
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(GeneGateServerApplication.class).run(
                "--server.address=0.0.0.0", "--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:open-network-guard", "--genegate.terminology.install=false"));

        assertThat(failure).hasRootCauseInstanceOf(OpenAccessGuard.OpenNetworkRefusedException.class);
        assertThat(Throwables.getRootCause(failure)).hasMessageContaining("--spring.profiles.active=security")
                .hasMessageContaining("genegate.security.allow-open-network=true");
    }
}
