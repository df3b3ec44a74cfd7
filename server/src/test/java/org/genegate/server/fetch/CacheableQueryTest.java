package org.genegate.server.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CacheableQueryTest {

    private final CacheableQuery cacheable = new CacheableQuery(FhirContext.forR4Cached());

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "Patient/p1; p1",
        "Patient/p1/_history/2; p1",
        "Medication/m1; *",
        "Observation/o1; ''",
        "Observation?patient=p1&code=http://loinc.org|3185-6,http://loinc.org|1742-6&_sort=-date; p1",
        "Observation?subject=Patient/p1; p1",
        "Observation?patient=Patient/p1&_count=1; p1",
        "Coverage?beneficiary=p1; p1",
        "Coverage?patient=p1&status=active&_include=Coverage:payor; p1 *",
        "Patient?_id=p1; p1",
        "CarePlan?patient=p1&category=http://example.org|x; p1",
        "PractitionerRole?practitioner=pr1; *",
        "Medication?code=http://example.org|x&_include=Medication:manufacturer; *",
    })
    void cacheableWithTheOwnersKnownBeforeRunning(String query, String owners) {
        Set<String> expected = owners.isBlank() ? Set.of() : Set.of(owners.split(" "));

        assertThat(cacheable.scopeOf(query)).as(query).contains(new CacheableQuery.Scope(expected, true));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "Encounter?_id=e1; ''",
        "Encounter?_id=e1&_include=Encounter:service-provider&_include=Encounter:location; *",
    })
    void cacheableOnlyWhenTheyFindTheResource(String query, String owners) {
        Set<String> expected = owners.isBlank() ? Set.of() : Set.of(owners.split(" "));

        assertThat(cacheable.scopeOf(query)).as(query).contains(new CacheableQuery.Scope(expected, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Patient",
        "Observation?code=http://loinc.org|3185-6",
        // The subject could be a Group of that id: a bare id restricts to no one patient.
        "Observation?subject=p1",
        "Observation?patient=p1,p2",
        "Observation?patient=",
        "Encounter?_id=e1,e2",
        "Encounter?status=finished",
        "PractitionerRole?practitioner.name=Smith",
        "Observation?patient=p1&_revinclude=Provenance:target",
        "Patient?_id=p1&_has:Observation:patient:code=http://loinc.org|3185-6",
        "Observation?patient.name=Smith",
        "Observation?patient=p1&performer.name=Smith",
        "Observation?patient=p1&code:in=http://example.org/ValueSet/x",
        "Observation?patient:missing=false",
        "Observation?patient=p1&_list=l1",
        "Observation?patient=p1&_include:iterate=Observation:has-member",
        "Nonsense?patient=p1",
        "http://elsewhere.org/fhir/Observation?patient=p1",
    })
    void notCacheable(String query) {
        assertThat(cacheable.scopeOf(query)).as(query).isEmpty();
    }
}
