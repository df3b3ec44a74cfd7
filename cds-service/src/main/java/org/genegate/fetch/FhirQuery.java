package org.genegate.fetch;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Resource;

/**
 * Runs one FHIR read or search, given relative to a FHIR base (e.g. {@code Patient/123} or
 * {@code Observation?patient=123&code=http://loinc.org|3185-6}), and returns the resources it
 * yields (a read yields one; a search yields its matches and _include'd resources, all pages).
 * Implementations: the EHR's FHIR server over HTTP, or this server's own JPA store.
 */
public interface FhirQuery {

    List<Resource> run(String relativeQuery) throws FhirQueryException;

    /**
     * The answers this source can give at once, without running the query, from results it keeps and knows to be
     * current, by query; the record's other queries are run. A source that keeps nothing has none at hand. Never
     * throws: a query it cannot answer here is simply left to {@link #run}.
     */
    default Map<String, List<Resource>> answersAtHand(Collection<String> relativeQueries) {
        return Map.of();
    }
}
