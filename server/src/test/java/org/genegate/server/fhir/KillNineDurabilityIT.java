package org.genegate.server.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.genegate.server.PostgresTestDatabase;
import org.genegate.server.ServerProcess;
import org.junit.jupiter.api.Test;

/**
 * Crash durability: clients stream Observation POSTs into the server (the built jar, a process of
 * its own), the process gets SIGKILL in the middle of the stream, and after a restart on the same
 * database every write that had been answered 201 is there. Writes cut off without an answer
 * may or may not be there; the client could not have relied on them.
 */
class KillNineDurabilityIT {

    /** Writers in parallel, so the kill lands while several transactions are in flight. */
    private static final int WRITERS = 4;

    /** Acknowledged writes before the kill; the writers keep going until the process is gone. */
    private static final int WRITES_BEFORE_KILL = 300;

    /** Bound on the stream whatever happens (the kill normally ends it far earlier). */
    private static final int MAX_WRITES_PER_WRITER = 5_000;

    private static final Pattern LOCATION_ID = Pattern.compile("/Observation/([^/]+)/_history/");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void onTheH2FileDatabase() throws Exception {
        Path workDir = Files.createTempDirectory("genegate-kill9-h2");
        // The default configuration: an H2 file under ./data of the working directory.
        assertAcknowledgedWritesSurviveKill("h2", workDir, Map.of(), List.of());
    }

    @Test
    void onPostgresql() throws Exception {
        Optional<String> unavailable = PostgresTestDatabase.unavailableReason();
        assumeTrue(unavailable.isEmpty(), () -> unavailable.get() + ": PostgreSQL kill -9 test skipped");
        Path workDir = Files.createTempDirectory("genegate-kill9-pg");
        try (PostgresTestDatabase database = PostgresTestDatabase.create("killnine")) {
            assertAcknowledgedWritesSurviveKill("postgresql", workDir,
                    Map.of("GENEGATE_DB_URL", database.url(), "GENEGATE_DB_USER", database.user(),
                            "GENEGATE_DB_PASSWORD", database.password()),
                    List.of("--spring.profiles.active=postgres"));
        }
    }

    private void assertAcknowledgedWritesSurviveKill(
            String name, Path workDir, Map<String, String> environment, List<String> args) throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger unexpected = new AtomicInteger();

        try (ServerProcess server = ServerProcess.launch("kill9-" + name, workDir, environment, args)
                .awaitReady("Terminology: ")) {
            String base = server.baseUrl() + "/fhir/Observation";
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch enough = new CountDownLatch(WRITES_BEFORE_KILL);
            ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                running.add(writers.submit(() -> {
                    for (int i = 0; i < MAX_WRITES_PER_WRITER && !stop.get(); i++) {
                        Optional<String> id = post(base, writer + "-" + i, unexpected);
                        if (id.isPresent()) {
                            acknowledged.add(id.get());
                            enough.countDown();
                        } else if (unexpected.get() > 0 || !server.isAlive()) {
                            return;
                        }
                    }
                }));
            }
            assertThat(enough.await(10, TimeUnit.MINUTES)).as("writes acknowledged before the kill").isTrue();
            server.killHard();
            stop.set(true);
            for (Future<?> writer : running) {
                writer.get(2, TimeUnit.MINUTES);
            }
            writers.shutdownNow();
        }
        assertThat(unexpected.get()).as("answers other than 201 while the server was up").isZero();
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(WRITES_BEFORE_KILL);

        try (ServerProcess restarted = ServerProcess.launch("kill9-" + name + "-restart", workDir, environment, args)
                .awaitReady("Terminology: ")) {
            List<String> missing = new ArrayList<>();
            for (String id : acknowledged) {
                HttpResponse<String> read = get(restarted.baseUrl() + "/fhir/Observation/" + id);
                if (read.statusCode() != 200) {
                    missing.add(id + " (" + read.statusCode() + ")");
                }
            }
            assertThat(missing).as("acknowledged writes lost by kill -9 (of %d)", acknowledged.size()).isEmpty();
        }
    }

    /** One Observation POST: the id on 201, empty when the connection failed (the kill). */
    private Optional<String> post(String url, String tag, AtomicInteger unexpected) {
        String body = """
                {"resourceType":"Observation","status":"final",
                 "code":{"text":"kill -9 durability probe"},
                 "valueString":"%s"}""".formatted(tag);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/fhir+json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                unexpected.incrementAndGet();
                System.err.println("Unexpected answer " + response.statusCode() + ": " + response.body());
                return Optional.empty();
            }
            Matcher matcher = LOCATION_ID.matcher(response.headers().firstValue("Location").orElse(""));
            assertThat(matcher.find()).as("Location of a created Observation").isTrue();
            return Optional.of(matcher.group(1));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/fhir+json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
