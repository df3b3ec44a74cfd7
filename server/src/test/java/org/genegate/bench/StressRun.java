package org.genegate.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Many EHRs at once: order-sign calls for every scenario, with and without prefetch, from a fixed number of
 * concurrent clients for a fixed time. Every answer is parsed and its findings compared with the scenario's,
 * so a call that came back 200 but degraded (e.g. "could not verify" because the store was too slow) counts
 * as an error too. Used by {@link Benchmark} (60 s) and by the integration suite (10 s).
 */
public final class StressRun {

    private StressRun() {
    }

    public static LoadResult run(int port, int clients, Duration duration) {
        HookCalls calls = new HookCalls(port);
        List<LoadRun.Call> mixed = new ArrayList<>(calls.orderSignWithPrefetch(true));
        mixed.addAll(calls.orderSignFromStore(true));
        return new LoadRun(LoadRun.newClient()).run("stress: order-sign mix", mixed, clients, duration);
    }

    public static String report(LoadResult result) {
        return String.format("stress: %d clients for %.0f s: %d calls, %d errors, outcomes %s, p50 %.1f ms, "
                        + "p99 %.1f ms, %.0f calls/s", result.clients(), result.elapsedNanos() / 1e9, result.calls(),
                result.errors(), result.outcomes(), result.percentileMillis(50), result.percentileMillis(99),
                result.perSecond());
    }
}
