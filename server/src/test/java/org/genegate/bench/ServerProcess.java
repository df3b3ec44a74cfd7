package org.genegate.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built server jar in a child process, on a free loopback port, on a throw-away in-memory database, with
 * the demo scenarios loaded: what a user starts, measured from outside. Its log goes to a file.
 */
final class ServerProcess implements AutoCloseable {

    private static final Pattern PORT = Pattern.compile("Tomcat started on port[s]?[ (]*(\\d+)");
    private static final String READY = "Demo: loaded";
    /** USER_HZ: 100 on Linux. */
    private static final long TICKS_PER_SECOND = 100;

    private final Process process;
    private final int port;

    private ServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * @param jvmArgs extra JVM options, e.g. a flight recording; the server's defaults otherwise
     */
    static ServerProcess start(Path jar, List<String> jvmArgs, Path log, int startSeconds)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No server jar at " + jar.toAbsolutePath() + "; build it first");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", jar.toString(), "--server.port=0", "--server.address=127.0.0.1",
                "--spring.datasource.url=jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1",
                "--genegate.demo.load-scenarios=true"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread pump = new Thread(() -> pump(process, log, port, ready), "server-log");
        pump.setDaemon(true);
        pump.start();
        try {
            ready.get(startSeconds, TimeUnit.SECONDS);
            return new ServerProcess(process, port.getNow(-1));
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            process.destroyForcibly();
            throw new IllegalStateException("Server did not start within " + startSeconds + " s; see " + log, e);
        }
    }

    private static void pump(Process process, Path log, CompletableFuture<Integer> port,
                             CompletableFuture<Void> ready) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)); PrintWriter out = new PrintWriter(Files.newBufferedWriter(log))) {
            String line;
            while ((line = in.readLine()) != null) {
                out.println(line);
                out.flush();
                Matcher matcher = PORT.matcher(line);
                if (!port.isDone() && matcher.find()) {
                    port.complete(Integer.parseInt(matcher.group(1)));
                }
                if (line.contains(READY) && port.isDone()) {
                    ready.complete(null);
                }
            }
            ready.completeExceptionally(new IllegalStateException("server exited with " + process.waitFor()));
        } catch (IOException | InterruptedException e) {
            ready.completeExceptionally(e);
        }
    }

    int port() {
        return port;
    }

    /**
     * CPU time the server process has used so far (user + system, from /proc), in milliseconds; per call this
     * is the server's cost of a request, which, unlike latency, other load on the machine hardly changes.
     */
    OptionalLong cpuMillis() {
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

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
