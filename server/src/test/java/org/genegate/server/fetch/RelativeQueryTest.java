package org.genegate.server.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.genegate.fetch.FhirQueryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RelativeQueryTest {

    @Test
    void read() throws FhirQueryException {
        RelativeQuery query = RelativeQuery.parse("Patient/123");

        assertThat(query.isRead()).isTrue();
        assertThat(query.resourceType()).isEqualTo("Patient");
        assertThat(query.id()).isEqualTo("123");
        assertThat(query.versionId()).isNull();
    }

    @Test
    void versionedReadAndLeadingSlash() throws FhirQueryException {
        RelativeQuery query = RelativeQuery.parse("/Patient/abc-1/_history/2");

        assertThat(query.id()).isEqualTo("abc-1");
        assertThat(query.versionId()).isEqualTo("2");
    }

    @Test
    void search() throws FhirQueryException {
        RelativeQuery query = RelativeQuery.parse("Observation?patient=123&code=http://loinc.org|3185-6");

        assertThat(query.isRead()).isFalse();
        assertThat(query.matchUrl()).isEqualTo("Observation?patient=123&code=http://loinc.org|3185-6");
    }

    @Test
    void searchWithoutParameters() throws FhirQueryException {
        assertThat(RelativeQuery.parse("Observation").matchUrl()).isEqualTo("Observation");
        assertThat(RelativeQuery.parse("Observation?").matchUrl()).isEqualTo("Observation");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        " ", "observation?x=1", "Patient/", "Patient/1/_history", "Patient/1?x=1", "Patient/1/$everything",
        "Patient/a%20b", "Patient/%zz", "https://ehr.example.org/fhir/Patient/1", "$expand"
    })
    void rejects(String malformed) {
        assertThatThrownBy(() -> RelativeQuery.parse(malformed)).isInstanceOf(FhirQueryException.class);
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> RelativeQuery.parse(null)).isInstanceOf(FhirQueryException.class);
    }
}
