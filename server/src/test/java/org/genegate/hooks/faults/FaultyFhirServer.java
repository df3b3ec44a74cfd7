package org.genegate.hooks.faults;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on loopback playing an EHR's FHIR server that misbehaves in one way per base path:
 * {@code /slow/fhir} answers after 10 s, {@code /error/fhir} 500, {@code /garbage/fhir} invalid JSON,
 * {@code /other-patient/fhir} another patient's data, {@code /huge/fhir} a body of 64 MB,
 * {@code /next-elsewhere/fhir} a Bundle whose next link points to {@link #elsewhere()}, {@code /redirect/fhir}
 * a redirect there. {@link #elsewhere()} is a second server that only counts who reaches it.
 */
final class FaultyFhirServer implements AutoCloseable {

    static final int HUGE_BYTES = 64 * 1024 * 1024;

    private final HttpServer server;
    private final HttpServer elsewhere;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    final AtomicInteger elsewhereHits = new AtomicInteger();
    final AtomicInteger slowAnswersSent = new AtomicInteger();
    final AtomicInteger hugeBodiesCompleted = new AtomicInteger();
    final AtomicInteger hugeBodiesCutShort = new AtomicInteger();

    FaultyFhirServer() throws IOException {
        elsewhere = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        elsewhere.createContext("/", exchange -> {
            elsewhereHits.incrementAndGet();
            send(exchange, 200, "{\"resourceType\":\"Bundle\",\"type\":\"searchset\"}");
        });
        elsewhere.setExecutor(threads);
        elsewhere.start();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/slow/", exchange -> {
            sleep(10_000);
            slowAnswersSent.incrementAndGet();
            send(exchange, 200, "{\"resourceType\":\"Bundle\",\"type\":\"searchset\"}");
        });
        server.createContext("/error/", exchange -> send(exchange, 500,
                "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"fatal\",\"code\":\"exception\"}]}"));
        server.createContext("/garbage/", exchange -> send(exchange, 200, "{\"resourceType\":\"Bundle\",\"entry\":[{"));
        server.createContext("/other-patient/", exchange -> send(exchange, 200, otherPatient(exchange)));
        server.createContext("/huge/", this::huge);
        server.createContext("/next-elsewhere/", exchange -> send(exchange, 200,
                "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"link\":[{\"relation\":\"next\",\"url\":\""
                        + elsewhere() + "/fhir?_getpages=stolen\"}]}"));
        server.createContext("/redirect/", exchange -> {
            exchange.getResponseHeaders().add("Location", elsewhere() + "/fhir/Patient/x");
            send(exchange, 302, "");
        });
        server.setExecutor(threads);
        server.start();
    }

    String base(String fault) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + fault + "/fhir";
    }

    String elsewhere() {
        return "http://127.0.0.1:" + elsewhere.getAddress().getPort();
    }

    /** Whatever is asked for, a resource of another patient: a read gets Patient/someone-else, a search their data. */
    private static String otherPatient(HttpExchange exchange) {
        String path = exchange.getRequestURI().getPath();
        if (path.contains("/Patient/")) {
            return "{\"resourceType\":\"Patient\",\"id\":\"someone-else\",\"birthDate\":\"1980-01-01\"}";
        }
        String type = path.substring(path.lastIndexOf('/') + 1);
        String subject = type.equals("Coverage") ? "beneficiary" : "subject";
        return "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[{\"resource\":{\"resourceType\":\""
                + type + "\",\"id\":\"x1\",\"" + subject + "\":{\"reference\":\"Patient/someone-else\"}}}]}";
    }

    private void huge(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
        exchange.sendResponseHeaders(200, 0);
        byte[] spaces = " ".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write("{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[".getBytes(StandardCharsets.UTF_8));
            for (int written = 0; written < HUGE_BYTES; written += spaces.length) {
                out.write(spaces);
            }
            out.write("]}".getBytes(StandardCharsets.UTF_8));
            hugeBodiesCompleted.incrementAndGet();
        } catch (IOException e) {
            hugeBodiesCutShort.incrementAndGet();
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        } catch (IOException e) {
            // The client gave up (as it must for the slow server); nothing to answer.
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        elsewhere.stop(0);
        threads.shutdownNow();
    }
}
