package org.genegate.hooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.genegate.audit.AuditTrail;
import org.genegate.audit.HookDecision;
import org.genegate.cdshooks.Card;
import org.genegate.cdshooks.CardCoding;
import org.genegate.cdshooks.CardSource;
import org.genegate.profiles.Scenario;
import org.genegate.profiles.Scenarios;
import org.genegate.server.AbstractServerIT;
import org.genegate.server.audit.AuditEventBatchWriter;
import org.genegate.server.audit.AuditEventTable;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Prints what auditing costs a hook call; asserts nothing (figures, not thresholds). Not part of the normal
 * run (the name does not end in IT); run it with
 * {@code mvn -B -o -pl server -am verify -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=HookAuditBenchmark}.
 *
 * <p>Figures: audited order-sign calls per second at {@value #CLIENTS} concurrent clients (full prefetch, nab-high),
 * counted until the last decision is stored, with the errors seen; order-sign latency over HTTP with the
 * asynchronous audit, one client; the time the hook thread spends building and handing over the AuditEvent; the time
 * one synchronous store of the same AuditEvent takes (what the hook would pay without the background writer); and
 * how fast the writer drains.
 */
class HookAuditBenchmark extends AbstractServerIT {

    private static final int WARM_UP = 100;
    private static final int CALLS = 500;
    private static final int CLIENTS = 50;
    private static final int CONCURRENT_CALLS_PER_CLIENT = 60;

    @Autowired
    private AuditTrail auditTrail;

    @Autowired
    private AuditEventBatchWriter writer;

    @Autowired
    private AuditEventTable table;

    @Test
    void printFigures() throws Exception {
        HookClient client = new HookClient(port);
        Scenario scenario = Scenarios.byId("nab-high");
        ObjectNode request = client.orderSign(scenario);
        client.addPrefetch(request, CdsServiceCatalog.ORDER_SIGN_ID);
        String path = "/cds-services/" + CdsServiceCatalog.ORDER_SIGN_ID;
        for (int i = 0; i < WARM_UP; i++) {
            client.post(path, request.put("hookInstance", UUID.randomUUID().toString()).toString());
        }
        writer.awaitWritten(Duration.ofMinutes(2));
        concurrentCalls(path, client, request);
        concurrentCalls(path, client, request);

        long writtenBefore = writer.counts().written();
        double[] hook = new double[CALLS];
        for (int i = 0; i < CALLS; i++) {
            String body = request.put("hookInstance", UUID.randomUUID().toString()).toString();
            long start = System.nanoTime();
            client.post(path, body);
            hook[i] = (System.nanoTime() - start) / 1e6;
        }
        long drainStart = System.nanoTime();
        writer.awaitWritten(Duration.ofMinutes(2));
        double drainMs = (System.nanoTime() - drainStart) / 1e6;
        long stored = writer.counts().written() - writtenBefore;

        HookDecision decision = decision(scenario);
        double[] handOver = new double[2_000];
        for (int i = 0; i < handOver.length; i++) {
            long start = System.nanoTime();
            auditTrail.hookDecision(decision);
            handOver[i] = (System.nanoTime() - start) / 1e3;
        }
        long burstStart = System.nanoTime();
        writer.awaitWritten(Duration.ofMinutes(5));
        double burstSeconds = (System.nanoTime() - burstStart) / 1e9;

        double[] inline = new double[300];
        List<AuditEvent> events = new ArrayList<>();
        auditTrailEvents(decision, events, inline.length);
        for (int i = 0; i < inline.length; i++) {
            long start = System.nanoTime();
            storeOne(events.get(i));
            inline[i] = (System.nanoTime() - start) / 1e6;
        }

        System.out.printf("%nHook audit benchmark (%d order-sign calls over HTTP, nab-high, full prefetch)%n", CALLS);
        System.out.printf("  hook latency with async audit      p50 %.2f ms  p95 %.2f ms  p99 %.2f ms%n",
                pct(hook, 50), pct(hook, 95), pct(hook, 99));
        System.out.printf("  audit on the hook thread (build + hand over)  p50 %.1f us  p99 %.1f us%n",
                pct(handOver, 50), pct(handOver, 99));
        System.out.printf("  one synchronous AuditEvent store   p50 %.2f ms  p99 %.2f ms (avoided on the hook path)%n",
                pct(inline, 50), pct(inline, 99));
        System.out.printf("  writer: %d decisions stored for %d calls; queue empty %.0f ms after the last call%n",
                stored, CALLS, drainMs);
        System.out.printf("  writer throughput on a burst of %d events: %.0f events/s%n", handOver.length,
                (handOver.length) / Math.max(burstSeconds, 1e-9));
    }

    /**
     * {@value #CLIENTS} clients each sending {@value #CONCURRENT_CALLS_PER_CLIENT} order-sign calls at once; audited
     * calls per second count until the writer has stored every decision, so a writer that falls behind shows.
     */
    private void concurrentCalls(String path, HookClient client, ObjectNode template) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        long writtenBefore = writer.counts().written();
        long start = System.nanoTime();
        List<Future<int[]>> futures = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            futures.add(clients.submit(() -> {
                ObjectNode request = template.deepCopy();
                int[] okAndErrors = new int[2];
                for (int i = 0; i < CONCURRENT_CALLS_PER_CLIENT; i++) {
                    int status = client.post(path, request.put("hookInstance", UUID.randomUUID().toString())
                            .toString()).status();
                    okAndErrors[status == 200 ? 0 : 1]++;
                }
                return okAndErrors;
            }));
        }
        int ok = 0;
        int errors = 0;
        for (Future<int[]> future : futures) {
            ok += future.get()[0];
            errors += future.get()[1];
        }
        double answeredSeconds = (System.nanoTime() - start) / 1e9;
        boolean drained = writer.awaitWritten(Duration.ofMinutes(5));
        double storedSeconds = (System.nanoTime() - start) / 1e9;
        clients.shutdown();
        long stored = writer.counts().written() - writtenBefore;
        System.out.printf("%n%d clients x %d order-sign calls: %d answered 200, %d errors; %.0f calls/s answered, "
                        + "%.0f audited calls/s (until the last decision was stored%s); %d decisions stored%n",
                CLIENTS, CONCURRENT_CALLS_PER_CLIENT, ok, errors, (ok + errors) / answeredSeconds,
                ok / storedSeconds, drained ? "" : ", NOT DRAINED", stored);
    }

    /** One synchronous store, as the hook thread would make it without the background writer. */
    private void storeOne(AuditEvent event) {
        table.insert(List.of(event));
    }

    /** The same decision as AuditEvents, built by the trail into a list instead of the store. */
    private void auditTrailEvents(HookDecision decision, List<AuditEvent> into, int count) {
        AuditTrail building = new AuditTrail(fhirContext, into::add, "benchmark", java.time.Clock.systemUTC());
        for (int i = 0; i < count; i++) {
            building.hookDecision(decision);
        }
    }

    private HookDecision decision(Scenario scenario) {
        Bundle orders = fhirContext.newJsonParser().parseResource(Bundle.class, scenario.ordersJson());
        MedicationRequest order = (MedicationRequest) orders.getEntryFirstRep().getResource();
        CardCoding topic = new CardCoding("http://hl7.org/fhir/us/davinci-crd/CodeSystem/temp", "contraindication",
                "Contraindication");
        List<Card> cards = List.of(
                new Card(UUID.randomUUID().toString(), "Hemgenix (J1411): do not give without review", "detail",
                        "critical", new CardSource("GeneGate J1411 gates", null, topic), List.of(), null, List.of(),
                        List.of(), Map.of()),
                new Card(UUID.randomUUID().toString(), "Hemgenix (J1411): payer", "detail", "info",
                        new CardSource("GeneGate J1411 gates", null, topic), List.of(), null, List.of(), List.of(),
                        Map.of()));
        return new HookDecision("j1411-order-sign", "order-sign", UUID.randomUUID().toString(), null,
                scenario.patientId(), scenario.userId(), List.of(new HookDecision.OrderDecision(order, null, List.of())),
                cards, List.of(), 1);
    }

    private static double pct(double[] values, int percentile) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)];
    }
}
