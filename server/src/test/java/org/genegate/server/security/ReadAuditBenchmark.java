package org.genegate.server.security;

import ca.uhn.fhir.rest.server.RestfulServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.genegate.server.AbstractSecuredServerIT;
import org.genegate.server.audit.AuditEventBatchWriter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Prints what the read audit (IHE BALP AuditEvents through the background writer) costs reads at 50 concurrent
 * clients; asserts nothing (figures, not thresholds). Not part of the normal run (the name does not end in IT);
 * run it with {@code mvn -B -o -pl server -am verify -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=ReadAuditBenchmark -Dfailsafe.failIfNoSpecifiedTests=false}.
 *
 * <p>One server, the audit interceptor unregistered and registered in turn, rounds alternating so that load from
 * elsewhere on the machine falls on both; each read is a patient token's {@code GET Patient/<id>} or
 * {@code GET Observation/<id>} (both audited as BALP PatientRead when on). The background writer stores the
 * AuditEvents while the reads go on, competing with them for the machine; after each round it is drained, outside
 * the timed part, so that no round inherits another's backlog.
 */
class ReadAuditBenchmark extends AbstractSecuredServerIT {

    private static final int CLIENTS = 50;
    private static final int READS_PER_CLIENT = 40;
    private static final int ROUNDS = 4;
    private static final String PATIENT = "nab-high-patient";

    @Autowired
    private RestfulServer fhirRestfulServer;

    @Autowired
    private FhirAccessAudit audit;

    @Autowired
    private AuditEventBatchWriter writer;

    @Test
    void printFigures() throws Exception {
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(8)).build();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        round(http, clients, false); // warm-up
        round(http, clients, true);
        List<Long> off = new ArrayList<>();
        List<Long> on = new ArrayList<>();
        double offSeconds = 0;
        double onSeconds = 0;
        for (int i = 0; i < ROUNDS; i++) {
            boolean auditFirst = i % 2 == 1;
            for (boolean audited : new boolean[] {auditFirst, !auditFirst}) {
                Round round = round(http, clients, audited);
                (audited ? on : off).addAll(round.latencies());
                if (audited) {
                    onSeconds += round.seconds();
                } else {
                    offSeconds += round.seconds();
                }
            }
        }
        clients.shutdown();
        print("audit off", off, offSeconds);
        print("audit on ", on, onSeconds);
        System.out.printf("read audit: throughput %.1f %% of unaudited, p50 %+.1f %%, p99 %+.1f %%%n",
                100.0 * (on.size() / onSeconds) / (off.size() / offSeconds),
                100.0 * (percentile(on, 50) - percentile(off, 50)) / percentile(off, 50),
                100.0 * (percentile(on, 99) - percentile(off, 99)) / percentile(off, 99));
        fhirRestfulServer.registerInterceptor(audit);
    }

    private record Round(List<Long> latencies, double seconds) {
    }

    private Round round(HttpClient http, ExecutorService clients, boolean audited) throws Exception {
        if (audited) {
            fhirRestfulServer.registerInterceptor(audit);
        } else {
            fhirRestfulServer.unregisterInterceptor(audit);
        }
        String token = smartToken("patient/*.read", PATIENT);
        List<String> paths = List.of("/fhir/Patient/" + PATIENT, "/fhir/Observation/nab-high-aav5-nab");
        long start = System.nanoTime();
        List<Future<List<Long>>> futures = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            futures.add(clients.submit(() -> {
                List<Long> latencies = new ArrayList<>();
                for (int i = 0; i < READS_PER_CLIENT; i++) {
                    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + paths.get((client + i) % 2)))
                            .header("Authorization", "Bearer " + token).header("Accept", "application/fhir+json")
                            .timeout(Duration.ofSeconds(60)).GET().build();
                    long sent = System.nanoTime();
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException(response.statusCode() + " " + response.body());
                    }
                    latencies.add(System.nanoTime() - sent);
                }
                return latencies;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> future : futures) {
            all.addAll(future.get());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long ended = System.nanoTime();
        writer.awaitWritten(Duration.ofMinutes(5));
        if (audited) {
            // Work the writer still had when the reads ended is not in the timing: say how much there was.
            System.out.printf("audited round: %.0f reads/s; the writer caught up %.0f ms after the last read%n",
                    all.size() / seconds, (System.nanoTime() - ended) / 1e6);
        }
        return new Round(all, seconds);
    }

    private static void print(String label, List<Long> latencies, double seconds) {
        System.out.printf("%s: %d reads by %d clients, %.0f reads/s, p50 %.1f ms, p90 %.1f ms, p99 %.1f ms%n",
                label, latencies.size(), CLIENTS, latencies.size() / seconds, percentile(latencies, 50) / 1e6,
                percentile(latencies, 90) / 1e6, percentile(latencies, 99) / 1e6);
    }

    private static double percentile(List<Long> values, int percent) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }
}
