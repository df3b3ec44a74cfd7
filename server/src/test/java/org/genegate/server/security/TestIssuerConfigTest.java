package org.genegate.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Inferno's private test keys are public, so no configuration that ships trusts Inferno as a CDS client: the
 * Inferno set-up lives in a test-only file that says so in its first line.
 */
class TestIssuerConfigTest {

    @Test
    void noShippedConfigurationTrustsInferno() throws IOException {
        for (String file : List.of("application.yaml", "application-security.yaml", "application-postgres.yaml")) {
            assertThat(read(file).toLowerCase()).as(file).doesNotContain("inferno");
        }
    }

    @Test
    void theInfernoSetUpWarnsInItsFirstLine() throws IOException {
        String firstLine = read("inferno-test-only.yaml").lines().findFirst().orElse("");

        assertThat(firstLine).startsWith("# WARNING: TEST ONLY").contains("private signing keys are published");
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = TestIssuerConfigTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
