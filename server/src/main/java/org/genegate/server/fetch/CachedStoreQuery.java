package org.genegate.server.fetch;

import ca.uhn.fhir.context.FhirContext;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.LongAdder;
import org.genegate.fetch.FhirQuery;
import org.genegate.fetch.FhirQueryException;
import org.genegate.server.GeneGateServerProperties;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * The store's answers to the gates' queries, reused while the patient's record is unchanged: the
 * {@link FhirQuery} that hooks without prefetch and the assessment operations read through. Writes do not go
 * through here ({@link RecordStampInterceptor} stamps them), so the monitoring plan filed inside a write reads the
 * store itself.
 *
 * <p>Each entry keeps the stamps ({@link RecordStamps}) of every owner its result depends on: the patient the
 * search is restricted to, the owners of every resource it returned, and {@value RecordOwners#OUTSIDE_EVERY_PATIENT}
 * when one of them is in no patient's compartment (see {@link CacheableQuery} for which queries qualify). A lookup
 * reads those owners' current stamps in one query and uses the entry only if all are equal; failures are not kept.
 *
 * <p>Why the stamps are read <em>before</em> the query runs, and why that is safe on any node under READ COMMITTED:
 * a write renews its owners' stamps in its own transaction, so its data and its stamps become visible together.
 * If the stamp read saw a write's new stamp, the write had committed, and every statement of the query, which
 * starts later, sees its data. If it saw the old stamp, the write commits after that read (whether or not the
 * query happened to see it), so the stamp differs from the stored one on every later lookup and the entry is never
 * used. Reading the stamps after the query would lose exactly the writes that commit in between. When the query
 * returns a resource of an owner whose stamp was not read beforehand (an {@code _include}d resource, the owners of
 * a read), it is run once more with that owner's stamp read first; the previous entry's owners are read up front,
 * so that happens only the first time.
 *
 * <p>Each caller gets copies: HAPI resources are mutable and the entry outlives the request.
 */
@Primary
@Component
public class CachedStoreQuery implements FhirQuery {

    private final LocalFhirQuery store;
    private final RecordStamps stamps;
    private final RecordOwners owners;
    private final CacheableQuery cacheable;
    private final Cache<String, Entry> entries;
    private final LongAdder answeredFromEntries = new LongAdder();

    public CachedStoreQuery(LocalFhirQuery store, RecordStamps stamps, FhirContext fhirContext,
                            GeneGateServerProperties properties) {
        this.store = store;
        this.stamps = stamps;
        this.owners = new RecordOwners(fhirContext);
        this.cacheable = new CacheableQuery(fhirContext);
        int size = properties.record().cacheEntries();
        this.entries = size == 0 ? null : Caffeine.newBuilder().maximumSize(size).build();
    }

    @Override
    public List<Resource> run(String relativeQuery) throws FhirQueryException {
        if (entries == null) {
            return store.run(relativeQuery);
        }
        // Only cacheable queries have entries: a hit needs no look at the query itself.
        Entry previous = entries.getIfPresent(relativeQuery);
        if (previous != null) {
            List<Resource> current = currentAnswers(Map.of(relativeQuery, previous)).get(relativeQuery);
            if (current != null) {
                return current;
            }
        }
        Optional<CacheableQuery.Scope> scope = cacheable.scopeOf(relativeQuery);
        if (scope.isEmpty()) {
            return store.run(relativeQuery);
        }
        Set<String> readFirst = new TreeSet<>(scope.get().ownersBeforeRunning());
        if (previous != null) {
            readFirst.addAll(previous.owners());
        }
        for (int attempt = 1; ; attempt++) {
            Map<String, Long> before = stamps.read(readFirst);
            List<Resource> result = store.run(relativeQuery);
            if (result.isEmpty() && !scope.get().emptyResultCacheable()) {
                return result;
            }
            Set<String> dependsOn = new TreeSet<>(scope.get().ownersBeforeRunning());
            result.forEach(resource -> dependsOn.addAll(owners.of(resource)));
            if (readFirst.containsAll(dependsOn)) {
                entries.put(relativeQuery, new Entry(Set.copyOf(dependsOn), stampsOf(dependsOn, before),
                        copies(result)));
                return result;
            }
            if (attempt == 2) {
                // The result moved to other owners between the two runs: a busy record, left uncached this time.
                return result;
            }
            readFirst.addAll(dependsOn);
        }
    }

    /**
     * The queries whose entries are current, answered together: the stamps of all their owners in one read (the
     * record's parts share the patient's stamp), not one read per query.
     */
    @Override
    public Map<String, List<Resource>> answersAtHand(Collection<String> relativeQueries) {
        if (entries == null) {
            return Map.of();
        }
        Map<String, Entry> found = new HashMap<>();
        for (String query : relativeQueries) {
            Entry entry = entries.getIfPresent(query);
            if (entry != null) {
                found.put(query, entry);
            }
        }
        if (found.isEmpty()) {
            return Map.of();
        }
        try {
            return currentAnswers(found);
        } catch (RuntimeException e) {
            // Left to run(), which reports the store's failure for each part.
            return Map.of();
        }
    }

    /** Copies of the entries still current, by query: the stamps of all their owners read in one query. */
    private Map<String, List<Resource>> currentAnswers(Map<String, Entry> found) {
        Set<String> owners = new HashSet<>();
        found.values().forEach(entry -> owners.addAll(entry.owners()));
        Map<String, Long> current = stamps.read(owners);
        Map<String, List<Resource>> answers = new HashMap<>();
        found.forEach((query, entry) -> {
            if (entry.isCurrent(current)) {
                answeredFromEntries.increment();
                answers.put(query, copies(entry.resources()));
            }
        });
        return answers;
    }

    /** How many queries were answered from an entry since start-up. */
    public long answeredFromEntries() {
        return answeredFromEntries.sum();
    }

    private static Map<String, Long> stampsOf(Set<String> dependsOn, Map<String, Long> read) {
        Map<String, Long> kept = new HashMap<>();
        for (String owner : dependsOn) {
            Long stamp = read.get(owner);
            if (stamp != null) {
                kept.put(owner, stamp);
            }
        }
        return Map.copyOf(kept);
    }

    private static List<Resource> copies(List<Resource> resources) {
        List<Resource> copies = new ArrayList<>(resources.size());
        resources.forEach(resource -> copies.add(resource.copy()));
        return copies;
    }

    /**
     * A result, the owners it depends on and their stamps when it was taken; an owner that had no row then has no
     * key in {@code stamps}, and the entry stays valid only while it still has none.
     */
    private record Entry(Set<String> owners, Map<String, Long> stamps, List<Resource> resources) {

        /** Whether every owner still has the stamp it had (or still has none), given stamps read for them. */
        boolean isCurrent(Map<String, Long> read) {
            for (String owner : owners) {
                if (!Objects.equals(read.get(owner), stamps.get(owner))) {
                    return false;
                }
            }
            return true;
        }
    }
}
