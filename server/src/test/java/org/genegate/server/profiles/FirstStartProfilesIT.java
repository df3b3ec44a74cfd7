package org.genegate.server.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.genegate.server.ServerProcess;
import org.junit.jupiter.api.Test;

/**
 * A first start on an empty database installs the profiles' snapshots the build shipped and generates none: the
 * built jar as an operator runs it, below this module's folder, so it finds the US Core package when the build
 * did (and uses the US Core set), and the base-R4 set when neither did.
 */
class FirstStartProfilesIT {

    @Test
    void aFirstStartInstallsTheShippedSnapshots() throws Exception {
        Path workDir = Files.createDirectories(Path.of("target", "first-start"));
        try (ServerProcess server = ServerProcess.launch("first-start-profiles", workDir, Map.of(),
                List.of("--spring.datasource.url=jdbc:h2:mem:first-start;DB_CLOSE_DELAY=-1"))
                .awaitReady("Profiles: ")) {
            String profilesLine = server.logText().lines().filter(line -> line.contains("Profiles: "))
                    .findFirst().orElseThrow();

            assertThat(profilesLine).contains("with the shipped snapshots", "(5 created, 0 updated, 0 unchanged)")
                    .doesNotContain("generated");
        }
    }
}
