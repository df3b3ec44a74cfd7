package org.genegate.server.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.genegate.audit.AuditEventSink;
import org.hl7.fhir.r4.model.AuditEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Stores AuditEvents in this server's FHIR store on one background thread, so a hook answers without
 * waiting for the database.
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
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

    private final FhirContext fhirContext;
    private final IFhirResourceDao<AuditEvent> dao;
    private final ThreadPoolExecutor executor;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    public AsyncAuditEventWriter(FhirContext fhirContext, DaoRegistry daoRegistry) {
        this.fhirContext = fhirContext;
        this.dao = daoRegistry.getResourceDao(AuditEvent.class);
        RejectedExecutionHandler runInCaller = (task, pool) -> task.run();
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUE_CAPACITY), runnable -> {
                    // Not a daemon: the JVM waits for the last audit writes.
                    Thread thread = new Thread(runnable, "audit-writer");
                    thread.setDaemon(false);
                    return thread;
                }, runInCaller);
    }

    @Override
    public void write(AuditEvent event) {
        executor.execute(() -> store(event));
    }

    private void store(AuditEvent event) {
        try {
            dao.create(event, new SystemRequestDetails());
            written.incrementAndGet();
        } catch (RuntimeException e) {
            failed.incrementAndGet();
            log.error("AuditEvent could not be stored ({}); it follows in full: {}", e.getMessage(),
                    fhirContext.newJsonParser().encodeResourceToString(event), e);
        }
    }

    /** Waits until every event handed over so far is stored (or failed); false when the time ran out. */
    public boolean awaitWritten(Duration timeout) {
        Future<?> marker;
        try {
            marker = executor.submit(() -> { });
        } catch (RejectedExecutionException e) {
            return executor.isTerminated();
        }
        try {
            marker.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    /** Events stored, refused, and waiting, for figures and health checks. */
    public record Counts(long written, long failed, int queued) {
    }

    public Counts counts() {
        return new Counts(written.get(), failed.get(), executor.getQueue().size());
    }

    @PreDestroy
    void drain() {
        executor.shutdown();
        int queued = executor.getQueue().size();
        try {
            if (!executor.awaitTermination(DRAIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                // Far behind: store the rest on this thread rather than drop them.
                List<Runnable> rest = executor.shutdownNow();
                log.warn("Audit writer did not drain within {} s; storing the last {} events on shutdown",
                        DRAIN_TIMEOUT.toSeconds(), rest.size());
                rest.forEach(Runnable::run);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("Audit writer stopped: {} events stored ({} were queued at shutdown), {} refused", written.get(),
                queued, failed.get());
    }
}
