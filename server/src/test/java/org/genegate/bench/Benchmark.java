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
 * transaction bundles; the same order-signs against the CDS-only application ({@code genegate-cds.jar}) reading
 * the server as its store; then optionally the stress run (200 clients of order-sign calls, answers checked).
 * Ends with the table of performance targets (target | measured | goal | ratio | met?), including both jars'
 * start-up to their first 200 and the CDS-only application's idle resident memory. Exits non-zero only when a
 * call failed, never on timing.
 *
 * <p>Start-up is measured with each jar alone on the machine: plain HAPI FHIR with the server's HAPI modules
 * ({@code bench-hapi/target/plain-hapi.jar}) first, then the server without demo data; each is stopped once it
 * answers. Plain HAPI is started again once the server with the demo scenarios is up, answers the same discovery and
 * order-sign requests at 1 client with its trivial service, and is stopped before the server's own workloads.
 *
 * <p>Run with {@code mvn -B -Pbench} (see docs/performance.md); system properties:
 * {@code bench.seconds} per measured workload (10), {@code bench.warmup-seconds} (15),
 * {@code bench.idle-seconds} before the CDS-only application's resident memory is read (20),
 * {@code bench.stress.seconds} (0: no stress run), {@code bench.stress.clients} (200),
 * {@code bench.url.port} (measure a server already running on this loopback port instead of starting the jar),
 * {@code bench.server.jvm-args} (e.g. a flight recording; the jar is target/genegate-server.jar; plain HAPI gets
 * no JVM options, as the server by default),
 * {@code bench.cds.jvm-args} (the CDS-only jar's JVM options; none by default, as a user starts it).
 */
public final class Benchmark {

    private static final double CDS_START_GOAL_SECONDS = 8;
    private static final double CDS_IDLE_RSS_GOAL_MIB = 300;
    private static final String START_UP_TARGET =
            "combined server start-up, no demo data, ≤ plain HAPI 8.8.0 (same modules): launch to first 200 on"
            + " /fhir/metadata";
    private static final String START_UP_GOAL = "≤ plain HAPI";

    private Benchmark() {
    }

    /** How long a process took to its first 200, and the CPU it had used by then. */
    private record StartUp(double seconds, OptionalLong cpuMillis) {

        static StartUp since(long launchedNanos, ServerProcess process) {
            return new StartUp((System.nanoTime() - launchedNanos) / 1e9, process.cpuMillis());
        }

        String describe() {
            return String.format("%.1f s%s", seconds, cpuMillis.isPresent()
                    ? String.format(" (%.1f CPU s)", cpuMillis.getAsLong() / 1000.0) : "");
        }
    }

    /** Plain HAPI's answers at 1 client: discovery, and its trivial service given the server's order-signs. */
    private record PlainHapiBaseline(LoadResult discovery, LoadResult orderSign) {

        long errors() {
            return discovery.errors() + orderSign.errors();
        }
    }

    public static void main(String[] args) throws Exception {
        // Before the first HTTP client: lets the no-keep-alive workloads send "Connection: close".
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "connection");
        Duration measure = Duration.ofSeconds(Long.getLong("bench.seconds", 10));
        Duration warmup = Duration.ofSeconds(Long.getLong("bench.warmup-seconds", 15));
        Duration idle = Duration.ofSeconds(Long.getLong("bench.idle-seconds", 20));
        Duration stress = Duration.ofSeconds(Long.getLong("bench.stress.seconds", 0));
        int stressClients = Integer.getInteger("bench.stress.clients", 200);
        Integer runningPort = Integer.getInteger("bench.url.port");
        printMachine();

        TargetTable targets = new TargetTable();
        Path workDir = Files.createDirectories(Path.of("target", "bench-server"));
        long errors;
        if (runningPort != null) {
            targets.notMeasured(START_UP_TARGET, START_UP_GOAL, "server already running (bench.url.port)");
            errors = measureWithCdsOnly(runningPort, OptionalLong::empty, Optional.empty(), workDir, targets,
                    measure, warmup, idle, stress, stressClients);
        } else {
            List<String> jvmArgs = splitArgs(System.getProperty("bench.server.jvm-args", ""));
            // The start-up target compares like with like: each started alone on the machine, plain HAPI first, the
            // server with its modules and no demo data (plain HAPI loads none), both on in-memory databases.
            long plainLaunched = System.nanoTime();
            StartUp plainStart;
            try (ServerProcess plain = ServerProcess.launchPlainHapi("bench-plain-hapi-start-up", workDir, List.of(),
                    List.of())) {
                plain.awaitReady("");
                plainStart = StartUp.since(plainLaunched, plain);
                System.out.printf("plain HAPI (plain-hapi.jar): first 200 on /fhir/metadata after %s, log %s%n",
                        plainStart.describe(), plain.log());
            }
            long bareLaunched = System.nanoTime();
            StartUp bare;
            try (ServerProcess server = ServerProcess.launch("bench-start-up", workDir, Map.of(), jvmArgs,
                    List.of("--server.address=127.0.0.1",
                            "--spring.datasource.url=jdbc:h2:mem:start-up;DB_CLOSE_DELAY=-1"))) {
                server.awaitReady("");
                bare = StartUp.since(bareLaunched, server);
                System.out.printf("server without demo data: first 200 on /fhir/metadata after %s, log %s%n",
                        bare.describe(), server.log());
            }
            targets.notAbove(START_UP_TARGET, bare.seconds(), "GeneGate " + bare.describe(),
                    plainStart.seconds(), "plain " + plainStart.describe(), START_UP_GOAL);
            long launched = System.nanoTime();
            try (ServerProcess server = ServerProcess.launch("bench", workDir, Map.of(), jvmArgs, List.of(
                    "--server.address=127.0.0.1", "--spring.datasource.url=jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1",
                    "--genegate.demo.load-scenarios=true"))) {
                // First 200 on /fhir/metadata (the warm-up filter answers 503 until terminology, profiles and
                // the demo scenarios are in).
                server.awaitReady("");
                StartUp combined = StartUp.since(launched, server);
                server.awaitReady("Demo: loaded");
                System.out.printf("server with the demo scenarios: %s, first 200 on /fhir/metadata after %s,"
                        + " ready with scenarios in %.1f s, log %s%n", jvmArgs, combined.describe(),
                        (System.nanoTime() - launched) / 1e9, server.log());
                PlainHapiBaseline baseline;
                // Plain HAPI again, for its latencies next to the server's; the server's own workloads run without it.
                try (ServerProcess plain = ServerProcess.launchPlainHapi("bench-plain-hapi", workDir, List.of(),
                        List.of())) {
                    plain.awaitReady("");
                    baseline = measurePlainHapi(server.port(), plain, measure, warmup);
                }
                errors = baseline.errors() + measureWithCdsOnly(server.port(), server::cpuMillis,
                        Optional.of(baseline), workDir, targets, measure, warmup, idle, stress, stressClients);
            }
        }
        System.out.println();
        System.out.println("Targets (" + loadAverage() + "):");
        System.out.print(targets.render());
        System.out.println(errors == 0 ? "no errors" : errors + " calls failed");
        System.exit(errors == 0 ? 0 : 1);
    }

    /**
     * Starts the CDS-only jar against the server as its store, as a user runs it ({@code java -jar}) and then
     * extracted with a class-data sharing archive, and measures each one's start-up and idle memory; then measures
     * the server's workloads and the same order-signs against the second node.
     */
    private static long measureWithCdsOnly(int port, Supplier<OptionalLong> serverCpuMillis,
                                           Optional<PlainHapiBaseline> plainHapi, Path workDir, TargetTable targets,
                                           Duration measure, Duration warmup, Duration idle, Duration stress,
                                           int stressClients)
            throws IOException, InterruptedException {
        List<String> cdsJvmArgs = splitArgs(System.getProperty("bench.cds.jvm-args", ""));
        List<String> storeArgs = List.of("--genegate.cds.store-url=http://localhost:" + port + "/fhir");
        long launched = System.nanoTime();
        try (ServerProcess plain = ServerProcess.launchCdsOnly("bench-cds-only", workDir, cdsJvmArgs, storeArgs)) {
            measureStartUp(plain, launched, String.join(" ", "java", String.join(" ", cdsJvmArgs), "-jar genegate-cds.jar").replace("  ", " "), targets, idle);
        }
        CdsArchive archive = CdsArchive.prepare(workDir.resolve("cds-extracted"));
        List<String> archiveJvmArgs = new ArrayList<>(cdsJvmArgs);
        archiveJvmArgs.add(archive.jvmArg());
        launched = System.nanoTime();
        try (ServerProcess cdsOnly = ServerProcess.launchCdsOnly("bench-cds-only-archive", workDir, archive.jar(),
                archiveJvmArgs, storeArgs)) {
            measureStartUp(cdsOnly, launched, "extracted, with its class-data sharing archive", targets, idle);
            long errors = measure(port, serverCpuMillis, plainHapi, targets, measure, warmup, stress,
                    stressClients);
            return errors + measureCdsOnly(port, cdsOnly, measure, warmup);
        }
    }

    private static void measureStartUp(ServerProcess cdsOnly, long launched, String how, TargetTable targets,
                                       Duration idle) throws InterruptedException {
        cdsOnly.awaitReady("");
        StartUp start = StartUp.since(launched, cdsOnly);
        Thread.sleep(idle.toMillis());
        OptionalLong rssKib = cdsOnly.residentKib();
        System.out.printf("CDS-only (%s): first 200 on /cds-services after %s, resident %s after %d s idle, log %s%n",
                how, start.describe(), rssKib.isPresent() ? rssKib.getAsLong() / 1024 + " MiB" : "unknown",
                idle.toSeconds(), cdsOnly.log());
        targets.atMost("CDS-only jar (" + how + "): launch to first 200 on GET /cds-services", start.seconds(),
                CDS_START_GOAL_SECONDS, "s");
        if (rssKib.isPresent()) {
            targets.atMost("CDS-only jar (" + how + "): idle resident memory, " + idle.toSeconds() + " s after start",
                    rssKib.getAsLong() / 1024.0, CDS_IDLE_RSS_GOAL_MIB, "MiB");
        } else {
            targets.notMeasured("CDS-only jar: idle resident memory", "≤ 300 MiB", "no /proc on this machine");
        }
    }

    /**
     * Plain HAPI's discovery and its trivial order-sign service at 1 client, after a warm-up, with the requests the
     * server gets (the full prefetch, filled from the server): HAPI's module parses that prefetch, nothing more.
     */
    private static PlainHapiBaseline measurePlainHapi(int serverPort, ServerProcess plain, Duration measure,
                                                      Duration warmup) {
        HookCalls calls = new HookCalls(serverPort, plain.port());
        LoadRun load = new LoadRun(LoadRun.newClient());
        List<LoadRun.Call> discovery = calls.discovery();
        List<LoadRun.Call> orderSign = calls.orderSignWithPrefetch(false);
        List<LoadRun.Call> mixed = new ArrayList<>(orderSign);
        mixed.addAll(discovery);
        LoadResult warm = load.run("plain HAPI warm-up", mixed, 8, warmup);
        System.out.println("plain HAPI, trivial order-sign service; warm-up: " + warm.calls() + " calls, "
                + warm.errors() + " errors");
        PlainHapiBaseline baseline = new PlainHapiBaseline(
                load.run("plain HAPI: discovery GET", discovery, 1, measure),
                load.run("plain HAPI: trivial order-sign", orderSign, 1, measure));
        System.out.println(LoadResult.header());
        for (LoadResult result : List.of(baseline.discovery(), baseline.orderSign())) {
            System.out.println(result.row() + "   " + result.outcomes());
        }
        return baseline;
    }

    private static List<LoadRun.Call> closing(List<LoadRun.Call> calls) {
        return calls.stream().map(LoadRun.Call::withoutKeepAlive).toList();
    }

    /** One number of clients: the baseline and the three order-signs, measured in turn. */
    private record Tier(LoadResult discovery, LoadResult otherDrug, LoadResult fullPrefetch, LoadResult fromStore) {
    }

    private static long measure(int port, Supplier<OptionalLong> serverCpuMillis,
                                Optional<PlainHapiBaseline> plainHapi, TargetTable targets, Duration measure,
                                Duration warmup, Duration stress, int stressClients) {
        HookCalls calls = new HookCalls(port);
        List<LoadRun.Call> discovery = calls.discovery();
        List<LoadRun.Call> prefetch = calls.orderSignWithPrefetch(false);
        List<LoadRun.Call> store = calls.orderSignFromStore(false);
        List<LoadRun.Call> otherDrug = calls.orderSignOtherDrug();
        HttpClient http = LoadRun.newClient();
        LoadRun load = new LoadRun(http);
        AuditCount audits = new AuditCount(http, port);

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
        double auditedPerSecond = Double.NaN;
        List<Tier> tiers = new ArrayList<>();
        for (int clients : new int[] {1, 50}) {
            LoadResult baseline = run.measure("discovery GET", discovery, clients);
            LoadResult other = run.measure("order-sign, non-Hemgenix order", otherDrug, clients);
            long auditsBefore = clients == 50 ? audits.awaitSteady() : 0;
            LoadResult signed = run.measure("order-sign, full prefetch", prefetch, clients);
            if (clients == 50) {
                auditedPerSecond = audits.auditedPerSecond(signed, auditsBefore);
            }
            LoadResult fromStore = run.measure("order-sign, from own store", store, clients);
            tiers.add(new Tier(baseline, other, signed, fromStore));
            results.addAll(List.of(baseline, other, signed, fromStore));
        }
        LoadResult ingestAt4 = null;
        for (int clients : new int[] {1, 4}) {
            LoadResult ingest = run.measure("ingest (transaction of " + HookCalls.INGEST_BUNDLE_SIZE + ")",
                    calls.ingest(), clients);
            results.add(ingest);
            ingestAt4 = ingest;
            System.out.printf("    ingest at %d clients: %.0f resources/s%n", clients,
                    ingest.perSecond() * HookCalls.INGEST_BUNDLE_SIZE);
        }
        System.out.println();
        System.out.println(LoadResult.header() + "  srv CPU ms/call");
        results.forEach(r -> System.out.printf("%s %8.2f%n", r.row(), cpuPerCall.get(r)));
        Tier oneClient = tiers.get(0);
        plainHapi.ifPresent(plain -> printAgainstPlainHapi(oneClient.discovery(), oneClient.fullPrefetch(), plain));

        for (Tier tier : tiers) {
            int clients = tier.discovery().clients();
            double discoveryP50 = tier.discovery().percentileMillis(50);
            System.out.printf("at %d client(s), p50 over discovery p50: non-Hemgenix order %.2f x, full prefetch"
                    + " %.2f x, own store %.2f x%n", clients, tier.otherDrug().percentileMillis(50) / discoveryP50,
                    tier.fullPrefetch().percentileMillis(50) / discoveryP50,
                    tier.fromStore().percentileMillis(50) / discoveryP50);
            targets.latencyRatio("order-sign, full prefetch: p50 / discovery p50 at " + clients + " clients",
                    tier.fullPrefetch().percentileMillis(50), discoveryP50, 1.5);
            targets.latencyRatio("order-sign, full prefetch: p99 / discovery p99 at " + clients + " clients",
                    tier.fullPrefetch().percentileMillis(99), tier.discovery().percentileMillis(99), 3);
            targets.latencyRatio("order-sign, from own store: p50 / discovery p50 at " + clients + " clients",
                    tier.fromStore().percentileMillis(50), discoveryP50, 3);
        }
        // The issue's own figures were taken by a client without keep-alive: the same three calls that way, 1 client.
        LoadResult discoveryClosing = run.measure("discovery GET, no keep-alive", closing(discovery), 1);
        LoadResult otherClosing = run.measure("order-sign, non-Hemgenix, no keep-alive", closing(otherDrug), 1);
        LoadResult prefetchClosing = run.measure("order-sign, full prefetch, no keep-alive", closing(prefetch), 1);
        results.addAll(List.of(discoveryClosing, otherClosing, prefetchClosing));
        System.out.printf("without keep-alive at 1 client, p50 over discovery p50: non-Hemgenix order %.2f x,"
                + " full prefetch %.2f x%n", otherClosing.percentileMillis(50) / discoveryClosing.percentileMillis(50),
                prefetchClosing.percentileMillis(50) / discoveryClosing.percentileMillis(50));
        targets.latencyRatio("order-sign, full prefetch, without keep-alive: p50 / discovery p50 at 1 client",
                prefetchClosing.percentileMillis(50), discoveryClosing.percentileMillis(50), 1.5);
        targets.latencyRatio("order-sign, full prefetch, without keep-alive: p99 / discovery p99 at 1 client",
                prefetchClosing.percentileMillis(99), discoveryClosing.percentileMillis(99), 3);
        if (Double.isNaN(auditedPerSecond)) {
            targets.notMeasured("audited Hemgenix hooks/s at 50 clients", "≥ 1,000 /s",
                    "the AuditEvents did not all arrive within " + AuditCount.DRAIN_LIMIT.toMinutes() + " min");
        } else {
            targets.atLeast("audited Hemgenix hooks/s at 50 clients (full prefetch, until stored)",
                    auditedPerSecond, 1000, "/s");
        }
        targets.atLeast("ingest, transaction bundles at 4 clients", ingestAt4.perSecond()
                * HookCalls.INGEST_BUNDLE_SIZE, 1000, "resources/s");

        long errors = results.stream().mapToLong(LoadResult::errors).sum();
        if (!stress.isZero()) {
            LoadResult stressed = StressRun.run(port, stressClients, stress);
            System.out.println(StressRun.report(stressed));
            errors += stressed.errors();
        }
        return errors;
    }

    private static void printAgainstPlainHapi(LoadResult discovery, LoadResult orderSign, PlainHapiBaseline plain) {
        System.out.printf("order-sign at 1 client, the same requests (full prefetch): GeneGate p50 %.2f ms, p99 %.2f"
                        + " ms; plain HAPI's trivial service p50 %.2f ms, p99 %.2f ms; GeneGate / plain %.2f × (p50),"
                        + " %.2f × (p99)%n",
                orderSign.percentileMillis(50), orderSign.percentileMillis(99), plain.orderSign().percentileMillis(50),
                plain.orderSign().percentileMillis(99),
                orderSign.percentileMillis(50) / plain.orderSign().percentileMillis(50),
                orderSign.percentileMillis(99) / plain.orderSign().percentileMillis(99));
        System.out.printf("discovery GET at 1 client: GeneGate p50 %.2f ms, p99 %.2f ms; plain HAPI p50 %.2f ms,"
                        + " p99 %.2f ms%n",
                discovery.percentileMillis(50), discovery.percentileMillis(99),
                plain.discovery().percentileMillis(50), plain.discovery().percentileMillis(99));
    }

    /** The same order-signs against the CDS-only node (prefetch from the server, or the node reading it). */
    private static long measureCdsOnly(int serverPort, ServerProcess cdsOnly, Duration measure, Duration warmup) {
        HookCalls calls = new HookCalls(serverPort, cdsOnly.port());
        LoadRun load = new LoadRun(LoadRun.newClient());
        List<LoadRun.Call> prefetch = calls.orderSignWithPrefetch(false);
        List<LoadRun.Call> store = calls.orderSignFromStore(false);
        List<LoadRun.Call> mixed = new ArrayList<>(prefetch);
        mixed.addAll(store);
        LoadResult warm = load.run("CDS-only warm-up", mixed, 8, warmup);
        System.out.println();
        System.out.println("CDS-only node (genegate-cds.jar, the server as its store); warm-up: " + warm.calls()
                + " calls, " + warm.errors() + " errors");
        System.out.println(LoadResult.header());
        List<LoadResult> results = new ArrayList<>();
        for (int clients : new int[] {1, 50}) {
            results.add(load.run("CDS-only: discovery GET", calls.discovery(), clients, measure));
            results.add(load.run("CDS-only: order-sign, full prefetch", prefetch, clients, measure));
            results.add(load.run("CDS-only: order-sign, from store", store, clients, measure));
        }
        results.forEach(r -> System.out.println(r.row() + "   " + r.outcomes()));
        return results.stream().mapToLong(LoadResult::errors).sum();
    }

    private interface Measurement {
        LoadResult measure(String name, List<LoadRun.Call> workload, int clients);
    }

    private static void printMachine() throws IOException {
        Optional<String> cpu = Files.exists(Path.of("/proc/cpuinfo"))
                ? Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                        .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip())
                : Optional.empty();
        String load = loadAverage();
        System.out.printf("machine: %d cores (%s), %s, %s %s, Java %s, client heap %d MiB%n",
                Runtime.getRuntime().availableProcessors(), cpu.orElse("cpu unknown"), load, System.getProperty("os.name"),
                System.getProperty("os.arch"), System.getProperty("java.version"),
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() / (1024 * 1024));
    }

    /** How much else the cores were doing: figures from a busy machine are not comparable. */
    private static String loadAverage() {
        try {
            return Files.exists(Path.of("/proc/loadavg")) ? "load average " + Files.readString(Path.of("/proc/loadavg"))
                    .strip() : "load average unknown";
        } catch (IOException e) {
            return "load average unknown";
        }
    }

    private static List<String> splitArgs(String args) {
        return args.isBlank() ? List.of() : Arrays.asList(args.strip().split("\\s+"));
    }
}
