package org.genegate.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A closed-loop load generator: a fixed number of client threads, each sending its next request as soon
 * as the previous one is answered, for a fixed time. Requests are taken round-robin from a list, so a
 * run mixes every scenario. Platform threads (Java 17); one shared JDK HttpClient keeps connections alive.
 */
public final class LoadRun {

    /** What a body check makes of an answer with the expected status. */
    public enum Verdict {
        /** the answer the request must get */
        RIGHT,
        /** a safe answer, but not the full one (e.g. "could not verify" because the store was slow): counted */
        DEGRADED,
        /** a wrong answer: an error */
        WRONG
    }

    /** One request to send and how to tell whether its answer is right. */
    public record Call(String label, HttpRequest request, int expectedStatus, Function<String, Verdict> bodyCheck) {

        public static Call expecting200(String label, HttpRequest request) {
            return new Call(label, request, 200, body -> Verdict.RIGHT);
        }

        /**
         * This call on a connection of its own, closed after the answer, as a client without keep-alive sends it
         * (needs {@code -Djdk.httpclient.allowRestrictedHeaders=connection}, which {@link Benchmark} sets).
         */
        public Call withoutKeepAlive() {
            return new Call(label, HttpRequest.newBuilder(request, (name, value) -> true)
                    .header("Connection", "close").build(), expectedStatus, bodyCheck);
        }
    }

    private final HttpClient http;

    public LoadRun(HttpClient http) {
        this.http = http;
    }

    public static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    public LoadResult run(String name, List<Call> calls, int clients, Duration duration) {
        if (calls.isEmpty()) {
            throw new IllegalArgumentException("no calls for " + name);
        }
        AtomicInteger next = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        Worker[] workers = new Worker[clients];
        Thread[] threads = new Thread[clients];
        for (int i = 0; i < clients; i++) {
            workers[i] = new Worker(calls, next);
            threads[i] = new Thread(workers[i], "load-" + name + "-" + i);
            threads[i].setDaemon(true);
        }
        long deadline = System.nanoTime() + duration.toNanos();
        for (Worker worker : workers) {
            worker.deadline = deadline;
            worker.start = start;
        }
        for (Thread thread : threads) {
            thread.start();
        }
        long started = System.nanoTime();
        start.countDown();
        for (Thread thread : threads) {
            try {
                // A call in flight at the deadline is allowed its own timeout to finish.
                thread.join(duration.toMillis() + 60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        long elapsed = System.nanoTime() - started;
        long total = 0;
        long errors = 0;
        Map<String, Long> outcomes = new HashMap<>();
        for (Worker worker : workers) {
            total += worker.count;
            errors += worker.errors;
            worker.outcomes.forEach((k, v) -> outcomes.merge(k, v, Long::sum));
        }
        long[] latencies = new long[(int) total];
        int at = 0;
        for (Worker worker : workers) {
            System.arraycopy(worker.latencies, 0, latencies, at, worker.count);
            at += worker.count;
        }
        return new LoadResult(name, clients, elapsed, latencies, errors, outcomes);
    }

    private final class Worker implements Runnable {
        private final List<Call> calls;
        private final AtomicInteger next;
        private final Map<String, Long> outcomes = new HashMap<>();
        private long[] latencies = new long[4096];
        private int count;
        private long errors;
        private volatile long deadline;
        private volatile CountDownLatch start;

        Worker(List<Call> calls, AtomicInteger next) {
            this.calls = calls;
            this.next = next;
        }

        @Override
        public void run() {
            try {
                start.await();
            } catch (InterruptedException e) {
                return;
            }
            while (System.nanoTime() < deadline) {
                Call call = calls.get(Math.floorMod(next.getAndIncrement(), calls.size()));
                long began = System.nanoTime();
                String outcome;
                try {
                    HttpResponse<String> response = http.send(call.request(), HttpResponse.BodyHandlers.ofString());
                    outcome = String.valueOf(response.statusCode());
                    if (response.statusCode() != call.expectedStatus()) {
                        errors++;
                        if (errors <= 3) {
                            System.err.println(call.label() + " answered " + response.statusCode() + ": "
                                    + abbreviate(response.body()));
                        }
                    } else {
                        Verdict verdict = call.bodyCheck().apply(response.body());
                        if (verdict == Verdict.DEGRADED) {
                            outcome += " degraded";
                        } else if (verdict == Verdict.WRONG) {
                            errors++;
                            outcome += " wrong answer";
                            if (errors <= 3) {
                                System.err.println(call.label() + " answered wrongly: " + abbreviate(response.body()));
                            }
                        }
                    }
                } catch (IOException e) {
                    errors++;
                    outcome = e.getClass().getSimpleName();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                record(System.nanoTime() - began);
                outcomes.merge(outcome, 1L, Long::sum);
            }
        }

        private void record(long nanos) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = nanos;
        }
    }

    static String abbreviate(String body) {
        return body.length() <= 300 ? body : body.substring(0, 300) + "...";
    }
}
