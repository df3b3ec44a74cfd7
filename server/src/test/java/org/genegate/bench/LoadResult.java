package org.genegate.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one load run measured: every call's latency, how many calls failed and why.
 *
 * @param errors   failed calls: a status other than the expected one, a body that failed its check, or an I/O error
 * @param outcomes "200", "500", "IOException", "check failed" ... → count, for the printed report
 */
public record LoadResult(String name, int clients, long elapsedNanos, long[] latencyNanos, long errors,
                         Map<String, Long> outcomes) {

    public LoadResult {
        latencyNanos = latencyNanos.clone();
        Arrays.sort(latencyNanos);
        outcomes = new TreeMap<>(outcomes);
    }

    public long calls() {
        return latencyNanos.length;
    }

    public double perSecond() {
        return calls() / (elapsedNanos / 1e9);
    }

    /** Nearest-rank percentile in milliseconds (p in 0..100). */
    public double percentileMillis(double p) {
        if (latencyNanos.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * latencyNanos.length);
        return latencyNanos[Math.max(0, Math.min(latencyNanos.length - 1, rank - 1))] / 1e6;
    }

    public static String header() {
        return String.format("%-34s %7s %9s %9s %9s %9s %10s %7s", "workload", "clients", "calls", "p50 ms",
                "p95 ms", "p99 ms", "per s", "errors");
    }

    public String row() {
        return String.format("%-34s %7d %9d %9.2f %9.2f %9.2f %10.1f %7d", name, clients, calls(),
                percentileMillis(50), percentileMillis(95), percentileMillis(99), perSecond(), errors);
    }
}
