package org.genegate.server;

import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Which database the shared integration-test server runs on: the in-memory H2 of
 * {@link AbstractServerIT} by default, or, with {@code -Dgenegate.it.database=postgresql} (the
 * failsafe execution {@code postgresql} in server/pom.xml), a fresh PostgreSQL database for the
 * whole run, dropped when the test JVM exits.
 *
 * <p>As a JUnit condition it skips the PostgreSQL run, with the reason, where no server answers.
 */
public final class ItDatabase implements ExecutionCondition {

    private static final boolean POSTGRESQL = "postgresql".equals(System.getProperty("genegate.it.database"));

    /** Decided once per JVM, so the message is printed once. */
    private static final Optional<String> POSTGRES_UNAVAILABLE = POSTGRESQL
            ? PostgresTestDatabase.unavailableReason()
            : Optional.empty();

    static {
        POSTGRES_UNAVAILABLE.ifPresent(reason ->
                System.err.println("*** " + reason + ": the PostgreSQL run of the integration tests is SKIPPED ***"));
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return POSTGRES_UNAVAILABLE
                .map(reason -> ConditionEvaluationResult.disabled(reason + ": PostgreSQL run skipped"))
                .orElseGet(() -> ConditionEvaluationResult.enabled(POSTGRESQL ? "on PostgreSQL" : "on H2"));
    }

    /** Points the shared server at the run's PostgreSQL database when that run is asked for. */
    static void register(DynamicPropertyRegistry registry) {
        if (POSTGRESQL) {
            registry.add("spring.datasource.url", () -> Shared.DATABASE.url());
            registry.add("spring.datasource.username", () -> Shared.DATABASE.user());
            registry.add("spring.datasource.password", () -> Shared.DATABASE.password());
        }
    }

    /** Created on first use, i.e. only when a PostgreSQL-run test class actually starts the server. */
    private static final class Shared {

        static final PostgresTestDatabase DATABASE = PostgresTestDatabase.create("suite");

        static {
            Runtime.getRuntime().addShutdownHook(new Thread(DATABASE::close, "drop-" + DATABASE.name()));
        }
    }
}
