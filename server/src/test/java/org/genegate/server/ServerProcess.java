package org.genegate.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built server jar ({@code target/genegate-server.jar}, made by {@code package}, which
 * {@code mvn verify} runs before the integration tests) running as a process of its own, the way
 * an operator runs it: for tests about several nodes and about crashes. Also the CDS-only application
 * ({@code cds-service/target/genegate-cds.jar}, packaged before this module), and for the benchmark plain HAPI
 * ({@code bench-hapi/target/plain-hapi.jar}, likewise).
 *
 * <p>Each process writes its log to {@code target/server-processes/<name>.log}; a failure to start
 * shows its tail. The port is chosen by the server ({@code --server.port=0}) and read from the log.
 */
public final class ServerProcess implements AutoCloseable {

    /** A liveness guard for a loaded CI machine, not a performance expectation. */
    private static final Duration START_LIMIT = Duration.ofMinutes(6);

    private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

    /** The CDS-only application as the cds-service module builds it (seen from this module's directory). */
    public static final Path CDS_ONLY_JAR = Path.of("..", "cds-service", "target", "genegate-cds.jar");

    /** Plain HAPI FHIR with the server's HAPI modules, the benchmark's baseline (the bench-hapi module). */
    public static final Path PLAIN_HAPI_JAR = Path.of("..", "bench-hapi", "target", "plain-hapi.jar");

    /** Which jar runs, and the path that answers 200 once it serves. */
    private record Kind(Path jar, String probePath) {
        static final Kind SERVER = new Kind(Path.of("target", "genegate-server.jar"), "/fhir/metadata");

        static final Kind PLAIN_HAPI = new Kind(PLAIN_HAPI_JAR, "/fhir/metadata");

        static Kind cdsOnly(Path jar) {
            return new Kind(jar, "/cds-services");
        }
    }
    /** Test nodes need no peak performance: C1 only starts them faster on 2 cores. */
    private static final List<String> TEST_NODE_JVM_ARGS = List.of("-XX:TieredStopAtLevel=1", "-Xmx512m");
    /** USER_HZ: 100 on Linux. */
    private static final long TICKS_PER_SECOND = 100;
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Servers still running; killed if the test JVM is stopped (Ctrl-C, a build timeout). */
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> RUNNING.forEach(Process::destroyForcibly), "kill-server-processes"));
    }

    private final String name;
    private final Path log;
    private final Process process;
    private final Kind kind;
    private int port;

    private ServerProcess(String name, Path log, Process process, Kind kind) {
        this.name = name;
        this.log = log;
        this.process = process;
        this.kind = kind;
    }

    /**
     * Launches {@code java -jar genegate-server.jar} in {@code workDir} with the given environment
     * and server arguments, as a test node, without waiting for it (so several can start at the same instant).
     */
    public static ServerProcess launch(
            String name, Path workDir, Map<String, String> environment, List<String> serverArgs) {
        return launch(name, workDir, environment, TEST_NODE_JVM_ARGS, serverArgs);
    }

    /** The same with JVM options of the caller's own (the benchmark measures the server as a user runs it). */
    public static ServerProcess launch(String name, Path workDir, Map<String, String> environment,
                                       List<String> jvmArgs, List<String> serverArgs) {
        return launch(Kind.SERVER, name, workDir, environment, jvmArgs, serverArgs);
    }

    /** {@code java -jar genegate-cds.jar} (the CDS Hooks service alone); ready when {@code /cds-services} answers. */
    public static ServerProcess launchCdsOnly(String name, Path workDir, List<String> jvmArgs,
                                              List<String> serviceArgs) {
        return launchCdsOnly(name, workDir, CDS_ONLY_JAR, jvmArgs, serviceArgs);
    }

    /** The same from another copy of the jar (e.g. extracted, with a class-data sharing archive). */
    public static ServerProcess launchCdsOnly(String name, Path workDir, Path jar, List<String> jvmArgs,
                                              List<String> serviceArgs) {
        return launch(Kind.cdsOnly(jar), name, workDir, Map.of(), jvmArgs, serviceArgs);
    }

    /** {@code java -jar plain-hapi.jar}: HAPI alone, ready when {@code /fhir/metadata} answers. */
    public static ServerProcess launchPlainHapi(String name, Path workDir, List<String> jvmArgs, List<String> args) {
        return launch(Kind.PLAIN_HAPI, name, workDir, Map.of(), jvmArgs, args);
    }

    /** The JVM options of a test node. */
    public static List<String> testNodeJvmArgs() {
        return TEST_NODE_JVM_ARGS;
    }

    private static ServerProcess launch(Kind kind, String name, Path workDir, Map<String, String> environment,
                                        List<String> jvmArgs, List<String> serverArgs) {
        Path jar = kind.jar();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath().normalize() + " is missing: `mvn package` builds"
                    + " it (mvn verify does so before the integration tests)");
        }
        try {
            Path logDir = Files.createDirectories(Path.of("target", "server-processes"));
            Path log = logDir.resolve(name + ".log");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmArgs);
            command.addAll(List.of("-jar", jar.toAbsolutePath().normalize().toString(), "--server.port=0"));
            command.addAll(serverArgs);
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(environment);
            Process process = builder
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            RUNNING.add(process);
            return new ServerProcess(name, log, process, kind);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until the server answers 200 on {@code /fhir/metadata} ({@code /cds-services} for the CDS-only
     * application) and its log shows {@code readyLine} (start-up work such as the terminology installation runs
     * after the web server opens).
     */
    public ServerProcess awaitReady(String readyLine) {
        Instant deadline = Instant.now().plus(START_LIMIT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + logTail());
            }
            String text = logText();
            if (port == 0) {
                Matcher matcher = PORT.matcher(text);
                if (matcher.find()) {
                    port = Integer.parseInt(matcher.group(1));
                }
            }
            if (port != 0 && text.contains(readyLine) && probeAnswers()) {
                return this;
            }
            sleep(Duration.ofMillis(250));
        }
        throw new IllegalStateException(name + " not ready within " + START_LIMIT + ":\n" + logTail());
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public String logText() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path log() {
        return log;
    }

    /**
     * CPU time the server process has used so far (user + system, from /proc), in milliseconds; per call this
     * is the server's cost of a request, which, unlike latency, other load on the machine hardly changes.
     */
    public OptionalLong cpuMillis() {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // utime and stime are fields 14 and 15 of stat(5), 12 and 13 after the command name; in clock ticks.
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return OptionalLong.of(ticks * 1000 / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** The process's resident set size now ({@code VmRSS} of /proc), in KiB. */
    public OptionalLong residentKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
            return OptionalLong.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no connection pool close, no flush; as a power cut to the process. */
    public void killHard() {
        process.destroyForcibly();
        waitForExit();
    }

    /** Normal shutdown (SIGTERM), as a service manager stops it. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            waitForExit();
        }
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            RUNNING.remove(process);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean probeAnswers() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + kind.probePath()))
                    .timeout(Duration.ofSeconds(30))
                    .GET()
                    .build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String logTail() {
        String text = logText();
        return "--- last lines of " + log.toAbsolutePath() + " ---\n"
                + text.substring(Math.max(0, text.length() - 6000));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
