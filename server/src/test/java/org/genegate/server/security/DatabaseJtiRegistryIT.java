package org.genegate.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.genegate.hooks.HookRequestException;
import org.genegate.server.PostgresTestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Two nodes on one database, as two {@link DatabaseJtiRegistry}s on one data source: a token accepted by one is
 * a replay for the other until it expires, and of simultaneous first uses exactly one wins. On H2 and, where
 * one answers, on PostgreSQL (a fresh database, dropped after).
 */
class DatabaseJtiRegistryIT {

    private static final String ISSUER = "https://ehr.example.org";

    @Test
    void sharedOnH2() throws Exception {
        DataSource h2 = new DriverManagerDataSource("jdbc:h2:mem:jti-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        checkSharing(h2);
    }

    @Test
    void sharedOnPostgresql() throws Exception {
        assumeThat(PostgresTestDatabase.unavailableReason()).as("PostgreSQL needed for this test").isEmpty();
        try (PostgresTestDatabase database = PostgresTestDatabase.create("jti")) {
            checkSharing(new DriverManagerDataSource(database.url(), database.user(), database.password()));
        }
    }

    @Test
    void anUnreachableDatabaseRefusesTheCallRatherThanAcceptingIt() {
        String url = "jdbc:h2:mem:jti-gone-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        DatabaseJtiRegistry registry = new DatabaseJtiRegistry(new DriverManagerDataSource(url));
        new JdbcTemplate(new DriverManagerDataSource(url))
                .execute("DROP TABLE " + DatabaseJtiRegistry.TABLE);
        Instant now = Instant.now();

        assertThatThrownBy(() -> registry.firstUse(ISSUER, "j", now.plusSeconds(300), now))
                .isInstanceOfSatisfying(HookRequestException.class,
                        e -> assertThat(e.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
    }

    private static void checkSharing(DataSource dataSource) throws Exception {
        DatabaseJtiRegistry nodeA = new DatabaseJtiRegistry(dataSource);
        DatabaseJtiRegistry nodeB = new DatabaseJtiRegistry(dataSource);
        Instant now = Instant.now();
        Instant expiry = now.plus(Duration.ofMinutes(5));
        String jti = UUID.randomUUID().toString();

        assertThat(nodeA.firstUse(ISSUER, jti, expiry, now)).isTrue();
        assertThat(nodeB.firstUse(ISSUER, jti, expiry, now.plusSeconds(1))).as("replay to the other node").isFalse();
        assertThat(nodeA.firstUse(ISSUER, jti, expiry, now.plusSeconds(2))).as("replay to the same node").isFalse();
        assertThat(nodeB.firstUse("https://other-ehr.example.org", jti, expiry, now)).as("another issuer's jti")
                .isTrue();
        Instant afterExpiry = expiry.plusSeconds(1);
        assertThat(nodeB.firstUse(ISSUER, jti, afterExpiry.plusSeconds(300), afterExpiry))
                .as("a jti whose token has expired may come again").isTrue();

        String raced = UUID.randomUUID().toString();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> attempts = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                DatabaseJtiRegistry node = i % 2 == 0 ? nodeA : nodeB;
                attempts.add(() -> node.firstUse(ISSUER, raced, expiry, now));
            }
            int accepted = 0;
            for (Future<Boolean> attempt : threads.invokeAll(attempts)) {
                accepted += attempt.get() ? 1 : 0;
            }
            assertThat(accepted).as("simultaneous first uses accepted").isEqualTo(1);
        } finally {
            threads.shutdownNow();
        }
    }
}
