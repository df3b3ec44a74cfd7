package org.genegate.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.hl7.fhir.r4.model.AuditEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands AuditEvents to their destination on one background thread, so a request never waits for it; shared by
 * every sink that keeps the audit off the request thread (the server's table writer, the CDS-only node's sender).
 *
 * <p>The thread passes on what has queued up since its last round, up to a batch at a time. No audit is dropped:
 * when the queue is full, or shutdown has begun, the calling thread passes its event on itself (slower, never
 * lost), and {@link #drain} passes on what is still queued. The destination must handle its own failures (retry,
 * log the event in full) and never throw.
 */
public final class AuditQueue {

    private static final Logger log = LoggerFactory.getLogger(AuditQueue.class);

    private final BlockingQueue<AuditEvent> queue;
    private final int maxBatch;
    private final Consumer<List<AuditEvent>> destination;
    private final Thread thread;
    private volatile boolean stopping;

    /**
     * @param name        the thread's name, also used in log lines
     * @param destination stores or sends one batch; called from the queue's thread, or the caller's when the queue
     *                    is full or shutting down
     */
    public AuditQueue(String name, int capacity, int maxBatch, Consumer<List<AuditEvent>> destination) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.maxBatch = maxBatch;
        this.destination = destination;
        this.thread = new Thread(this::passOnUntilStopped, name);
        // Not a daemon: the JVM waits for the last audits.
        thread.setDaemon(false);
        thread.start();
    }

    public void add(AuditEvent event) {
        if (stopping || !queue.offer(event)) {
            destination.accept(List.of(event));
        } else if (stopping && queue.remove(event)) {
            // Shutdown began while this was queued and the thread may already be gone: pass it on here.
            destination.accept(List.of(event));
        }
    }

    public int queued() {
        return queue.size();
    }

    private void passOnUntilStopped() {
        List<AuditEvent> batch = new ArrayList<>(maxBatch);
        while (!stopping || !queue.isEmpty()) {
            try {
                AuditEvent first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                destination.accept(batch);
            } catch (InterruptedException e) {
                // Only shutdown interrupts; the loop condition lets it pass on what is queued first.
                stopping = true;
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * Stops taking events on the queue's thread and waits up to {@code timeout} for it to pass on what is queued;
     * a thread that is far behind is stopped and the rest passed on by the caller.
     *
     * @return how many events were queued when the drain began
     */
    public int drain(Duration timeout) {
        int queued = queue.size();
        stopping = true;
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
            log.warn("{} did not drain within {} s; passing on the last {} events on shutdown", thread.getName(),
                    timeout.toSeconds(), queue.size());
        }
        List<AuditEvent> rest = new ArrayList<>();
        queue.drainTo(rest);
        if (!rest.isEmpty()) {
            destination.accept(rest);
        }
        return queued;
    }
}
