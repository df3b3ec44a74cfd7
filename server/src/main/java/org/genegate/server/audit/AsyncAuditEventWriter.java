package org.genegate.server.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.genegate.audit.AuditEventSink;
import org.genegate.audit.LocalReferences;
import org.hl7.fhir.r4.model.AuditEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Stores AuditEvents in this server's FHIR store on one background thread, so a hook answers without
 * waiting for the database.
 *
 * <p>The writer stores what has queued up since its last write in one database transaction (up to
 * {@value #MAX_BATCH} events): under load most of an event's cost is the commit and flush, so a batch keeps
 * the writer ahead of the hooks. When a batch is refused, its events are stored one by one, so one bad event
 * costs only itself.
 *
 * <p>No audit is dropped: when the queue is full, or the writer is already shutting down, the calling
 * thread stores the event itself (slower, never lost). On a normal shutdown the queue is drained before
 * the database goes away (Spring destroys this bean before the DAOs it depends on). An event the store
 * refuses is logged in full, so it can still be recovered from the log.
 */
@Component
public class AsyncAuditEventWriter implements AuditEventSink {

    private static final Logger log = LoggerFactory.getLogger(AsyncAuditEventWriter.class);
    private static final int QUEUE_CAPACITY = 10_000;
    static final int MAX_BATCH = 200;
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

    private final FhirContext fhirContext;
    private final IFhirResourceDao<AuditEvent> dao;
    private final IHapiTransactionService transactions;
    private final BlockingQueue<AuditEvent> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Thread writerThread;
    private final Object progress = new Object();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private volatile boolean stopping;

    public AsyncAuditEventWriter(FhirContext fhirContext, DaoRegistry daoRegistry,
                                 IHapiTransactionService transactions) {
        this.fhirContext = fhirContext;
        this.dao = daoRegistry.getResourceDao(AuditEvent.class);
        this.transactions = transactions;
        this.writerThread = new Thread(this::writeUntilStopped, "audit-writer");
        // Not a daemon: the JVM waits for the last audit writes.
        writerThread.setDaemon(false);
        writerThread.start();
    }

    @Override
    public void write(AuditEvent event) {
        accepted.incrementAndGet();
        if (stopping || !queue.offer(event)) {
            storeBatch(List.of(event));
        } else if (stopping && queue.remove(event)) {
            // Shutdown began while this was queued and the writer may already be gone: store it here.
            storeBatch(List.of(event));
        }
    }

    private void writeUntilStopped() {
        List<AuditEvent> batch = new ArrayList<>(MAX_BATCH);
        while (!stopping || !queue.isEmpty()) {
            try {
                AuditEvent first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                storeBatch(batch);
            } catch (InterruptedException e) {
                // Only shutdown interrupts; the loop condition lets it store what is queued first.
                stopping = true;
            } finally {
                batch.clear();
            }
        }
    }

    private void storeBatch(List<AuditEvent> batch) {
        try {
            if (batch.size() == 1) {
                dao.create(batch.get(0), new SystemRequestDetails());
            } else {
                transactions.withSystemRequest().execute(() -> {
                    for (AuditEvent event : batch) {
                        dao.create(event, new SystemRequestDetails());
                    }
                });
            }
            written.addAndGet(batch.size());
            batches.incrementAndGet();
        } catch (RuntimeException e) {
            if (batch.size() > 1) {
                log.warn("A batch of {} AuditEvents was refused ({}); storing them one by one", batch.size(),
                        e.getMessage());
                batch.forEach(event -> storeBatch(List.of(event)));
                return;
            }
            AuditEvent event = batch.get(0);
            if (LocalReferences.drop(event)) {
                // A patient only prefetched by the EHR is not in this store, and HAPI refuses a reference to a
                // resource it does not hold: keep the audit, naming the patient by identifier alone.
                log.warn("AuditEvent refused ({}); storing it with its local references as identifiers only",
                        e.getMessage());
                storeBatch(List.of(event));
                return;
            }
            failed.incrementAndGet();
            log.error("AuditEvent could not be stored ({}); it follows in full: {}", e.getMessage(),
                    fhirContext.newJsonParser().encodeResourceToString(event), e);
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
        return new Counts(written.get(), failed.get(), queue.size(), batches.get());
    }

    @PreDestroy
    void drain() {
        int queued = queue.size();
        stopping = true;
        try {
            writerThread.join(DRAIN_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writerThread.isAlive()) {
            // Far behind: store the rest on this thread rather than drop them.
            writerThread.interrupt();
            log.warn("Audit writer did not drain within {} s; storing the last {} events on shutdown",
                    DRAIN_TIMEOUT.toSeconds(), queue.size());
        }
        List<AuditEvent> rest = new ArrayList<>();
        queue.drainTo(rest);
        rest.forEach(event -> storeBatch(List.of(event)));
        log.info("Audit writer stopped: {} events stored in {} transactions ({} were queued at shutdown), {} refused",
                written.get(), batches.get(), queued, failed.get());
    }
}
