package org.genegate.server.audit;

import ca.uhn.fhir.context.FhirContext;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.genegate.audit.AuditEventJson;
import org.genegate.audit.AuditEventSink;
import org.genegate.audit.AuditQueue;
import org.hl7.fhir.r4.model.AuditEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Stores AuditEvents in the audit table on one background thread, so neither a hook nor a FHIR read waits for the
 * database.
 *
 * <p>The writer takes what has queued up since its last write (up to {@value #MAX_BATCH} events) and stores it in
 * one transaction as one JDBC batch insert: the cost of a commit is shared by the whole batch, so under load the
 * writer stays ahead of the requests. When a batch is refused, its events are stored one by one, so one bad event
 * costs only itself.
 *
 * <p>No audit is dropped ({@link AuditQueue}): when the queue is full, or the writer is already shutting down, the
 * calling thread stores the event itself (slower, never lost). On a normal shutdown the queue is drained before the database goes away
 * (Spring destroys this bean before the table it depends on). An event the database refuses is logged in full, so
 * it can still be recovered from the log.
 */
@Component
public class AuditEventBatchWriter implements AuditEventSink {

    static final int MAX_BATCH = 500;
    private static final Logger log = LoggerFactory.getLogger(AuditEventBatchWriter.class);
    private static final int QUEUE_CAPACITY = 20_000;
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

    private final AuditEventJson json;
    private final AuditEventTable table;
    private final Object progress = new Object();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AuditQueue queue;

    public AuditEventBatchWriter(FhirContext fhirContext, AuditEventTable table) {
        this.json = new AuditEventJson(fhirContext);
        this.table = table;
        // Last: the queue's thread starts storing at once.
        this.queue = new AuditQueue("audit-writer", QUEUE_CAPACITY, MAX_BATCH, this::storeBatch);
    }

    @Override
    public void write(AuditEvent event) {
        accepted.incrementAndGet();
        queue.add(event);
    }

    private void storeBatch(List<AuditEvent> batch) {
        try {
            table.insert(batch);
            written.addAndGet(batch.size());
            batches.incrementAndGet();
        } catch (RuntimeException e) {
            if (batch.size() > 1) {
                log.warn("A batch of {} AuditEvents was refused ({}); storing them one by one", batch.size(),
                        e.getMessage());
                batch.forEach(event -> storeBatch(List.of(event)));
                return;
            }
            failed.incrementAndGet();
            log.error("AuditEvent could not be stored ({}); it follows in full: {}", e.getMessage(),
                    json.encode(batch.get(0)), e);
        } finally {
            synchronized (progress) {
                progress.notifyAll();
            }
        }
    }

    /** Waits until every event handed over so far is stored (or failed); false when the time ran out. */
    public boolean awaitWritten(Duration timeout) {
        long target = accepted.get();
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (written.get() + failed.get() < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(progress, Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    /** Events stored, refused, and waiting, and the transactions they were stored in, for figures and checks. */
    public record Counts(long written, long failed, int queued, long batches) {
    }

    public Counts counts() {
        return new Counts(written.get(), failed.get(), queue.queued(), batches.get());
    }

    @PreDestroy
    void drain() {
        int queued = queue.drain(DRAIN_TIMEOUT);
        log.info("Audit writer stopped: {} events stored in {} transactions ({} were queued at shutdown), {} refused",
                written.get(), batches.get(), queued, failed.get());
    }
}
