package org.genegate.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.genegate.server.ServerProcess;

/**
 * Prints latency percentiles and throughput of the server as built: discovery GET (the baseline), order-sign
 * with full prefetch, order-sign reading the server's own store, each at 1 and 50 clients, and ingest of
 * transaction bundles; then optionally the stress run (200 clients of order-sign calls, answers checked).
 * Exits non-zero only when a call failed, never on timing.
 *
 * <p>Run with {@code mvn -B -Pbench -DskipTests verify} (see docs/performance.md); system properties:
 * {@code bench.seconds} per measured workload (10), {@code bench.warmup-seconds} (15),
 * {@code bench.stress.seconds} (0: no stress run), {@code bench.stress.clients} (200),
 * {@code bench.url.port} (measure a server already running on this loopback port instead of starting the jar),
 * {@code bench.server.jvm-args} (e.g. a flight recording; the jar is target/genegate-server.jar).
 */
public final class Benchmark {

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        Duration measure = Duration.ofSeconds(Long.getLong("bench.seconds", 10));
        Duration warmup = Duration.ofSeconds(Long.getLong("bench.warmup-seconds", 15));
        Duration stress = Duration.ofSeconds(Long.getLong("bench.stress.seconds", 0));
        int stressClients = Integer.getInteger("bench.stress.clients", 200);
        Integer runningPort = Integer.getInteger("bench.url.port");
        printMachine();

        long errors;
        if (runningPort != null) {
            errors = measure(runningPort, OptionalLong::empty, measure, warmup, stress, stressClients);
        } else {
            Path workDir = Files.createDirectories(Path.of("target", "bench-server"));
            List<String> jvmArgs = splitArgs(System.getProperty("bench.server.jvm-args", ""));
            long started = System.nanoTime();
            try (ServerProcess server = ServerProcess.launch("bench", workDir, Map.of(), jvmArgs, List.of(
                    "--server.address=127.0.0.1", "--spring.datasource.url=jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1",
                    "--genegate.demo.load-scenarios=true")).awaitReady("Demo: loaded")) {
                System.out.printf("server: %s, ready with scenarios in %.1f s, log %s%n", jvmArgs,
                        (System.nanoTime() - started) / 1e9, server.log());
                errors = measure(server.port(), server::cpuMillis, measure, warmup, stress, stressClients);
            }
        }
        System.out.println(errors == 0 ? "no errors" : errors + " calls failed");
        System.exit(errors == 0 ? 0 : 1);
    }

    private static long measure(int port, Supplier<OptionalLong> serverCpuMillis, Duration measure, Duration warmup,
                                Duration stress, int stressClients) {
        HookCalls calls = new HookCalls(port);
        List<LoadRun.Call> discovery = calls.discovery();
        List<LoadRun.Call> prefetch = calls.orderSignWithPrefetch(false);
        List<LoadRun.Call> store = calls.orderSignFromStore(false);
        HttpClient http = LoadRun.newClient();
        LoadRun load = new LoadRun(http);

        List<LoadRun.Call> mixed = new ArrayList<>(prefetch);
        mixed.addAll(store);
        mixed.addAll(discovery);
        LoadResult warm = load.run("warm-up (all hooks)", mixed, 8, warmup);
        System.out.println("warm-up: " + warm.calls() + " calls, " + warm.errors() + " errors");

        List<LoadResult> results = new ArrayList<>();
        Map<LoadResult, Double> cpuPerCall = new IdentityHashMap<>();
        Measurement run = (name, workload, clients) -> {
            OptionalLong before = serverCpuMillis.get();
            LoadResult result = load.run(name, workload, clients, measure);
            OptionalLong after = serverCpuMillis.get();
            cpuPerCall.put(result, before.isPresent() && after.isPresent() && result.calls() > 0
                    ? (double) (after.getAsLong() - before.getAsLong()) / result.calls() : Double.NaN);
            System.out.printf("%s %8.2f   %s%n", result.row(), cpuPerCall.get(result), result.outcomes());
            return result;
        };
        for (int clients : new int[] {1, 50}) {
            results.add(run.measure("discovery GET", discovery, clients));
            results.add(run.measure("order-sign, full prefetch", prefetch, clients));
            results.add(run.measure("order-sign, from own store", store, clients));
        }
        for (int clients : new int[] {1, 4}) {
            LoadResult ingest = run.measure("ingest (transaction of " + HookCalls.INGEST_BUNDLE_SIZE + ")",
                    calls.ingest(), clients);
            results.add(ingest);
            System.out.printf("    ingest at %d clients: %.0f resources/s%n", clients,
                    ingest.perSecond() * HookCalls.INGEST_BUNDLE_SIZE);
        }
        System.out.println();
        System.out.println(LoadResult.header() + "  srv CPU ms/call");
        results.forEach(r -> System.out.printf("%s %8.2f%n", r.row(), cpuPerCall.get(r)));
        // results: discovery, prefetch, store at 1 client, then the same at 50.
        for (int first : new int[] {0, 3}) {
            System.out.printf("order-sign prefetch p50 / discovery p50 at %d clients: %.2f%n",
                    results.get(first).clients(),
                    results.get(first + 1).percentileMillis(50) / results.get(first).percentileMillis(50));
        }
        long errors = results.stream().mapToLong(LoadResult::errors).sum();
        if (!stress.isZero()) {
            LoadResult stressed = StressRun.run(port, stressClients, stress);
            System.out.println(StressRun.report(stressed));
            errors += stressed.errors();
        }
        return errors;
    }

    private interface Measurement {
        LoadResult measure(String name, List<LoadRun.Call> workload, int clients);
    }

    private static void printMachine() throws IOException {
        Optional<String> cpu = Files.exists(Path.of("/proc/cpuinfo"))
                ? Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                        .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip())
                : Optional.empty();
        // The load average says how much else the cores were doing: figures from a busy machine are not comparable.
        String load = Files.exists(Path.of("/proc/loadavg")) ? Files.readString(Path.of("/proc/loadavg")).strip()
                : "unknown";
        System.out.printf("machine: %d cores (%s), load average %s, %s %s, Java %s, client heap %d MiB%n",
                Runtime.getRuntime().availableProcessors(), cpu.orElse("cpu unknown"), load, System.getProperty("os.name"),
                System.getProperty("os.arch"), System.getProperty("java.version"),
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() / (1024 * 1024));
    }

    private static List<String> splitArgs(String args) {
        return args.isBlank() ? List.of() : Arrays.asList(args.strip().split("\\s+"));
    }
}
