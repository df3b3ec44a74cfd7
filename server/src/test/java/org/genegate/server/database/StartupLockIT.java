package org.genegate.server.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.genegate.server.PostgresTestDatabase;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;

/** Two "nodes" (two locks on their own connections) on one PostgreSQL database start in turn. */
class StartupLockIT {

    @Test
    void secondNodeWaitsUntilTheFirstIsReady() throws Exception {
        Optional<String> unavailable = PostgresTestDatabase.unavailableReason();
        assumeTrue(unavailable.isEmpty(), () -> unavailable.get() + ": start-up lock test skipped");
        try (PostgresTestDatabase database = PostgresTestDatabase.create("lock")) {
            StartupLock nodeA = lockOn(database);
            StartupLock nodeB = lockOn(database);
            List<String> events = new CopyOnWriteArrayList<>();
            CountDownLatch bIsWaiting = new CountDownLatch(1);
            ExecutorService nodeBStarting = Executors.newSingleThreadExecutor();
            try {
                nodeA.acquire();
                events.add("A starts");
                Future<?> b = nodeBStarting.submit(() -> {
                    bIsWaiting.countDown();
                    nodeB.acquire();
                    events.add("B starts");
                    nodeB.release();
                });
                await(bIsWaiting);
                sleepBriefly(); // B is now blocked in pg_advisory_lock, not yet past it
                events.add("A ready");
                nodeA.release();
                b.get(1, TimeUnit.MINUTES);
            } finally {
                nodeBStarting.shutdownNow();
            }
            assertThat(events).containsExactly("A starts", "A ready", "B starts");

            // Released by B too: a third start gets it at once; closing a node releases it.
            nodeA.acquire();
            nodeA.destroy();
            nodeB.acquire();
            nodeB.release();
        }
    }

    private static StartupLock lockOn(PostgresTestDatabase database) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(database.url());
        dataSource.setUser(database.user());
        dataSource.setPassword(database.password());
        DataSourceProperties properties = new DataSourceProperties();
        properties.setUrl(database.url());
        return new StartupLock(dataSource, properties);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(1, TimeUnit.MINUTES)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
