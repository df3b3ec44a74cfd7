package org.genegate.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Clients streaming Observation POSTs into a server process until it dies, remembering the id of
 * every write that was answered 201 (acknowledged). Writes cut off without an answer are not
 * counted: the client could not have relied on them.
 */
public final class ObservationWriteStream {

    /** Writers in parallel, so a kill lands while several transactions are in flight. */
    private static final int WRITERS = 4;

    /** Bound on the stream whatever happens (a kill normally ends it far earlier). */
    private static final int MAX_WRITES_PER_WRITER = 5_000;

    private static final Pattern LOCATION_ID = Pattern.compile("/Observation/([^/]+)/_history/");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final List<String> unexpectedAnswers = new CopyOnWriteArrayList<>();

    /**
     * Streams writes into {@code server}, kills it with SIGKILL once {@code writesBeforeKill}
     * have been acknowledged (the writers still sending), and returns when every writer has
     * stopped.
     */
    public ObservationWriteStream killMidStream(ServerProcess server, int writesBeforeKill) throws Exception {
        String url = server.baseUrl() + "/fhir/Observation";
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch enough = new CountDownLatch(writesBeforeKill);
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                running.add(writers.submit(() -> {
                    for (int i = 0; i < MAX_WRITES_PER_WRITER && !stop.get(); i++) {
                        Optional<String> id = post(url, writer + "-" + i);
                        if (id.isPresent()) {
                            acknowledged.add(id.get());
                            enough.countDown();
                        } else if (!server.isAlive() || !unexpectedAnswers.isEmpty()) {
                            return;
                        }
                    }
                }));
            }
            if (!enough.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("only " + acknowledged.size() + " writes acknowledged; "
                        + "unexpected answers: " + unexpectedAnswers);
            }
            server.killHard();
            stop.set(true);
            for (Future<?> writer : running) {
                writer.get(2, TimeUnit.MINUTES);
            }
        } finally {
            writers.shutdownNow();
        }
        return this;
    }

    /** Ids of the writes answered 201 before the kill. */
    public Set<String> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    /** Answers other than 201 while the server was up (status and body); there should be none. */
    public List<String> unexpectedAnswers() {
        return List.copyOf(unexpectedAnswers);
    }

    /** Acknowledged ids that {@code server} cannot read back (with the status it gave). */
    public List<String> missingOn(ServerProcess server) throws IOException, InterruptedException {
        List<String> missing = new ArrayList<>();
        for (String id : acknowledged) {
            HttpRequest read = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/fhir/Observation/" + id))
                    .header("Accept", "application/fhir+json")
                    .GET()
                    .build();
            int status = http.send(read, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 200) {
                missing.add(id + " (" + status + ")");
            }
        }
        return missing;
    }

    private Optional<String> post(String url, String tag) {
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
            Matcher matcher = LOCATION_ID.matcher(response.headers().firstValue("Location").orElse(""));
            if (response.statusCode() != 201 || !matcher.find()) {
                unexpectedAnswers.add(response.statusCode() + ": " + response.body());
                return Optional.empty();
            }
            return Optional.of(matcher.group(1));
        } catch (IOException e) {
            // Connection refused or cut: the kill.
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
