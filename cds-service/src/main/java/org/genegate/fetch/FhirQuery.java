package org.genegate.fetch;

import java.util.List;
import org.hl7.fhir.r4.model.Resource;

/**
 * Runs one FHIR read or search, given relative to a FHIR base (e.g. {@code Patient/123} or
 * {@code Observation?patient=123&code=http://loinc.org|3185-6}), and returns the resources it
 * yields (a read yields one; a search yields its matches and _include'd resources, all pages).
 * Implementations: the EHR's FHIR server over HTTP, or this server's own JPA store.
 */
public interface FhirQuery {

    List<Resource> run(String relativeQuery) throws FhirQueryException;
}
