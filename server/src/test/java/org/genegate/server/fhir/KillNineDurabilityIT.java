package org.genegate.server.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.genegate.server.ObservationWriteStream;
import org.genegate.server.ServerProcess;
import org.junit.jupiter.api.Test;

/**
 * Crash durability of the default configuration (H2 file database under ./data): clients stream
 * Observation POSTs into the server (the built jar, a process of its own), the process gets
 * SIGKILL in the middle of the stream, and after a restart on the same files every write that had
 * been answered 201 is there. (On PostgreSQL the same is checked by {@code TwoNodesIT}, reading
 * node A's acknowledged writes back through node B after A is killed.)
 */
class KillNineDurabilityIT {

    private static final int WRITES_BEFORE_KILL = 300;

    @Test
    void everyAcknowledgedWriteSurvivesKillNineOnTheH2FileDatabase() throws Exception {
        Path workDir = Files.createTempDirectory("genegate-kill9-h2");
        ObservationWriteStream stream;
        try (ServerProcess server = ServerProcess.launch("kill9-h2", workDir, Map.of(), List.of())
                .awaitReady("Terminology: ")) {
            stream = new ObservationWriteStream().killMidStream(server, WRITES_BEFORE_KILL);
        }
        assertThat(stream.unexpectedAnswers()).as("answers other than 201 while the server was up").isEmpty();
        assertThat(stream.acknowledged()).hasSizeGreaterThanOrEqualTo(WRITES_BEFORE_KILL);

        try (ServerProcess restarted = ServerProcess.launch("kill9-h2-restart", workDir, Map.of(), List.of())
                .awaitReady("Terminology: ")) {
            assertThat(stream.missingOn(restarted))
                    .as("acknowledged writes lost by kill -9 (of %d)", stream.acknowledged().size())
                    .isEmpty();
        }
    }
}
