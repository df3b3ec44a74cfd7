package org.genegate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.genegate.server.AbstractServerIT;
import org.junit.jupiter.api.Test;

/**
 * Many EHRs at once against the running server: {@code stress.clients} (200) concurrent order-sign calls for
 * {@code stress.seconds} (10 here; {@code mvn -Pbench -Dbench.stress.seconds=60} runs the full minute against
 * the built jar). Fails only on errors (a status other than 200, an I/O error, or an answer whose findings are
 * not the scenario's), never on timing; prints the counts.
 */
class ConcurrentHooksIT extends AbstractServerIT {

    @Test
    void concurrentHookCallsAllGetTheirAnswer() {
        int clients = Integer.getInteger("stress.clients", 200);
        Duration duration = Duration.ofSeconds(Long.getLong("stress.seconds", 10));

        LoadResult result = StressRun.run(port, clients, duration);

        System.out.println(StressRun.report(result));
        assertThat(result.calls()).isPositive();
        assertThat(result.errors()).as(StressRun.report(result)).isZero();
    }
}
