package org.genegate.security;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import org.genegate.hooks.HookRequestException;
import org.springframework.http.HttpStatus;

/**
 * Remembers each (issuer, jti) until its token expires, so a captured token cannot be sent twice.
 *
 * <p>In memory and bounded: entries leave when their token expires; when the store is full of live tokens a
 * new one is refused rather than an old one forgotten (forgetting would reopen the replay window). Only
 * tokens whose signature checked out reach it, so only a trusted EHR can fill it. One node's memory: several
 * nodes share a registry on their database instead (the server module's {@code DatabaseJtiRegistry}).
 */
final class ReplayGuard implements JtiRegistry {

    private record Entry(Instant expiry, String key) {}

    private final int capacity;
    private final Map<String, Instant> live = new HashMap<>();
    private final PriorityQueue<Entry> byExpiry = new PriorityQueue<>((a, b) -> a.expiry().compareTo(b.expiry()));

    ReplayGuard(int capacity) {
        this.capacity = capacity;
    }

    /** @throws HookRequestException 503 when the store is full of live tokens */
    @Override
    public synchronized boolean firstUse(String issuer, String jti, Instant forgetAfter, Instant now) {
        while (!byExpiry.isEmpty() && byExpiry.peek().expiry().isBefore(now)) {
            live.remove(byExpiry.poll().key());
        }
        String key = issuer + '\n' + jti;
        if (live.containsKey(key)) {
            return false;
        }
        if (live.size() >= capacity) {
            throw new HookRequestException(HttpStatus.SERVICE_UNAVAILABLE, "throttled",
                    "Too many signed calls in flight to rule out a replay; retry shortly");
        }
        live.put(key, forgetAfter);
        byExpiry.add(new Entry(forgetAfter, key));
        return true;
    }

    synchronized int size() {
        return live.size();
    }
}
