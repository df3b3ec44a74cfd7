package org.genegate.runtime;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Gives the memory that start-up used and no longer needs back to the operating system, so an
 * idle server or CDS-only node started with a plain {@code java -jar} (no heap flags) does not sit on it.
 *
 * <p>Start-up (Hibernate's metamodel, HAPI's resource definitions, the schema and terminology
 * work) allocates several times the heap the running server keeps. G1, the JVM's default
 * collector here, only shrinks the heap after a full collection, and only down to
 * {@code MaxHeapFreeRatio} (70 % free by default). Once start-up is over this lowers that ratio,
 * asks G1 for a periodic collection while idle (so later bursts are returned too) and runs one
 * full collection. All three are "manageable" JVM options, changed through the HotSpot management
 * bean; an option the operator set on the command line is left as it is. It runs {@link #AFTER_READY} after
 * the application reports ready, off the path to its first answers.
 *
 * <p>{@code genegate.memory.trim-idle-heap=false} turns this off (measured in docs/results-log.md).
 */
@Component
@ConditionalOnProperty(prefix = "genegate.memory", name = "trim-idle-heap", havingValue = "true", matchIfMissing = true)
public class IdleHeapTrimmer {

    private static final Logger log = LoggerFactory.getLogger(IdleHeapTrimmer.class);

    /** Manageable option → value used when the operator did not set it. */
    private static final Map<String, String> OPTIONS = Map.of(
            "MinHeapFreeRatio", "10",
            "MaxHeapFreeRatio", "30",
            // Milliseconds: an idle G1 collects (and returns memory) at most this often.
            "G1PeriodicGCInterval", "60000");

    /**
     * How long after ready the trim waits: its full collection stops every thread, and the first requests of a
     * freshly started node (a health check, the first hook) should not wait for it.
     */
    static final Duration AFTER_READY = Duration.ofSeconds(10);

    @EventListener(ApplicationReadyEvent.class)
    public void trimSoonAfterStartup() {
        Thread trimmer = new Thread(() -> {
            try {
                Thread.sleep(AFTER_READY.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            trim();
        }, "idle-heap-trimmer");
        trimmer.setDaemon(true);
        trimmer.start();
    }

    private static void trim() {
        HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        // Min before max: the JVM refuses a minimum above the current maximum.
        for (String name : new String[] {"MinHeapFreeRatio", "MaxHeapFreeRatio", "G1PeriodicGCInterval"}) {
            setUnlessOperatorSet(hotSpot, name, OPTIONS.get(name));
        }
        long before = committedHeap();
        System.gc();
        log.info("Heap after start-up: {} MiB committed, was {} MiB", committedHeap() >> 20, before >> 20);
    }

    private static void setUnlessOperatorSet(HotSpotDiagnosticMXBean hotSpot, String name, String value) {
        try {
            VMOption option = hotSpot.getVMOption(name);
            if (option.getOrigin() == VMOption.Origin.DEFAULT && option.isWriteable()) {
                hotSpot.setVMOption(name, value);
            }
        } catch (IllegalArgumentException e) {
            // Not this JVM's option (another collector or vendor): nothing to trim with it.
            log.debug("JVM option {} not set: {}", name, e.getMessage());
        }
    }

    private static long committedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
    }
}
