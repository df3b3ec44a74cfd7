package org.genegate.cdsapp;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.genegate.audit.AuditEventJson;
import org.genegate.audit.AuditEventSink;
import org.genegate.audit.AuditQueue;
import org.genegate.audit.LocalReferences;
import org.hl7.fhir.r4.model.AuditEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each AuditEvent to the FHIR store ({@code POST <store>/AuditEvent}, the FHIR REST create) from one
 * background thread, so a hook answers without waiting for the store.
 *
 * <p>The thread sends what has queued up since its last round, one event after another over the client's kept-alive
 * connection. A refused send is retried with a doubling pause when the store may yet accept it (no answer, 408, 429,
 * 5xx); a store that refuses a reference to a resource it does not hold gets the event again with such references
 * as identifiers only. An event that cannot be delivered in the end is logged in full, so it can be recovered from
 * the log. When the queue is full, or the sender is shutting down, the calling thread sends its event itself
 * (slower, never dropped). Closing drains the queue.
 */
public final class StoreAuditEventSender implements AuditEventSink, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StoreAuditEventSender.class);
    private static final int MAX_BATCH = 200;
    private static final Duration MAX_PAUSE = Duration.ofSeconds(5);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http;
    private final AuditEventJson json;
    private final URI auditEndpoint;
    private final String bearerToken;
    private final int attempts;
    private final Duration timeout;
    private final Duration firstPause;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong undeliverable = new AtomicLong();
    private final AuditQueue queue;

    /**
     * @param storeUrl    the store's base URL; events go to {@code <storeUrl>/AuditEvent}
     * @param bearerToken sent as {@code Authorization: Bearer}; null: no header
     * @param firstPause  pause before the second attempt; each further one doubles it (up to 5 s)
     */
    public StoreAuditEventSender(HttpClient http, FhirContext fhirContext, String storeUrl, String bearerToken,
                                 int queueCapacity, int attempts, Duration timeout, Duration firstPause) {
        this.http = http;
        this.json = new AuditEventJson(fhirContext);
        this.auditEndpoint = URI.create(storeUrl + "/AuditEvent");
        this.bearerToken = bearerToken;
        this.attempts = attempts;
        this.timeout = timeout;
        this.firstPause = firstPause;
        // Last: the queue's thread starts sending at once.
        this.queue = new AuditQueue("audit-sender", queueCapacity, MAX_BATCH, batch -> batch.forEach(this::deliver));
    }

    @Override
    public void write(AuditEvent event) {
        queue.add(event);
    }

    /** Events delivered and given up on so far, and how many wait. */
    public record Counts(long delivered, long undeliverable, int queued) {
    }

    public Counts counts() {
        return new Counts(delivered.get(), undeliverable.get(), queue.queued());
    }

    private void deliver(AuditEvent event) {
        String problem = null;
        Duration pause = firstPause;
        boolean referencesDropped = false;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            Sent sent = send(event);
            if (sent.status() / 100 == 2) {
                delivered.incrementAndGet();
                return;
            }
            problem = sent.problem();
            if (!sent.mayBeRetried()) {
                if (!referencesDropped && sent.status() / 100 == 4 && LocalReferences.drop(event)) {
                    log.warn("AuditEvent refused by the store ({}); sending it with its local references as "
                            + "identifiers only", problem);
                    referencesDropped = true;
                    attempt--;
                    continue;
                }
                break;
            }
            if (attempt < attempts && !pause(pause)) {
                problem += "; interrupted while waiting to retry";
                break;
            }
            pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
        }
        undeliverable.incrementAndGet();
        log.error("AuditEvent could not be delivered to {} ({}); it follows in full: {}", auditEndpoint, problem,
                json.encode(event));
    }

    /** One POST's outcome: the status (0 without an answer) and what went wrong. */
    private record Sent(int status, String problem) {

        boolean mayBeRetried() {
            return status == 0 || status == 408 || status == 429 || status >= 500;
        }
    }

    private Sent send(AuditEvent event) {
        HttpRequest.Builder request = HttpRequest.newBuilder(auditEndpoint)
                .timeout(timeout)
                .header("Content-Type", "application/fhir+json")
                .header("Accept", "application/fhir+json")
                .header("Prefer", "return=minimal")
                .POST(HttpRequest.BodyPublishers.ofString(json.encode(event)));
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            return new Sent(status, status / 100 == 2 ? null : "HTTP " + status + ": " + abbreviate(response.body()));
        } catch (IOException e) {
            return new Sent(0, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Sent(0, "interrupted");
        }
    }

    private static boolean pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String abbreviate(String body) {
        String oneLine = body == null ? "" : body.replaceAll("\\s+", " ");
        return oneLine.length() > 500 ? oneLine.substring(0, 500) + "..." : oneLine;
    }

    /** Stops taking events on this thread and sends what is queued; gives up waiting after a minute. */
    @Override
    public void close() {
        int queued = queue.drain(DRAIN_TIMEOUT);
        log.info("Audit sender stopped: {} events delivered to {} ({} were queued at shutdown), {} undeliverable",
                delivered.get(), auditEndpoint, queued, undeliverable.get());
    }
}
