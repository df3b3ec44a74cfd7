package org.genegate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.genegate.hooks.HookClient;

/**
 * Counts the AuditEvents in the server's store through its FHIR API ({@code AuditEvent?_summary=count}), so that a
 * hook load run can be rated by the hooks whose audit is stored, not only answered: the audit is written off the
 * request thread and may fall behind.
 */
final class AuditCount {

    /** How long the store may take to catch up after a run before the rate is reported as not measured. */
    static final Duration DRAIN_LIMIT = Duration.ofMinutes(3);
    /** Two counts this far apart agree: nothing is still being stored. */
    private static final Duration STEADY_POLL = Duration.ofSeconds(1);
    /** How finely the catch-up time is read (a count query costs a few milliseconds). */
    private static final Duration CATCH_UP_POLL = Duration.ofMillis(100);

    private final HttpClient http;
    private final URI countQuery;

    AuditCount(HttpClient http, int port) {
        this.http = http;
        this.countQuery = URI.create("http://localhost:" + port + "/fhir/AuditEvent?_summary=count");
    }

    long count() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(countQuery)
                    .header("Accept", "application/fhir+json").timeout(Duration.ofSeconds(60)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode total = HookClient.read(response.body()).get("total");
            if (response.statusCode() != 200 || total == null) {
                throw new IllegalStateException("AuditEvent count gave " + response.statusCode() + ": "
                        + response.body());
            }
            return total.asLong();
        } catch (IOException e) {
            throw new IllegalStateException("AuditEvent count failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The count once the audit of earlier runs has been stored (two reads a second apart agree). */
    long awaitSteady() {
        long previous = count();
        long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            pause(STEADY_POLL);
            long now = count();
            if (now == previous) {
                return now;
            }
            previous = now;
        }
        return previous;
    }

    /**
     * Hooks per second counted until the last of {@code run}'s AuditEvents was stored: its calls over its own
     * duration plus the time the store then took to catch up; NaN when it did not within {@link #DRAIN_LIMIT}.
     */
    double auditedPerSecond(LoadResult run, long countBefore) {
        long ended = System.nanoTime();
        long target = countBefore + run.calls();
        while (count() < target) {
            if (System.nanoTime() - ended > DRAIN_LIMIT.toNanos()) {
                return Double.NaN;
            }
            pause(CATCH_UP_POLL);
        }
        double catchUpSeconds = (System.nanoTime() - ended) / 1e9;
        double seconds = run.elapsedNanos() / 1e9 + catchUpSeconds;
        System.out.printf("    audit: %d AuditEvents stored %.1f s after the run ended; %.0f audited hooks/s%n",
                run.calls(), catchUpSeconds, run.calls() / seconds);
        return run.calls() / seconds;
    }

    private static void pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
