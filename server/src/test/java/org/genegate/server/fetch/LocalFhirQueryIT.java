package org.genegate.server.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.genegate.fetch.FhirQuery;
import org.genegate.fetch.FhirQueryException;
import org.genegate.profiles.Scenario;
import org.genegate.profiles.Scenarios;
import org.genegate.server.AbstractServerIT;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class LocalFhirQueryIT extends AbstractServerIT {

    @Autowired
    private FhirQuery query;

    private Scenario scenario;
    private List<Observation> observations;

    @BeforeEach
    void readScenario() {
        scenario = Scenarios.byId("eligible");
        Bundle bundle = fhirContext.newJsonParser().parseResource(Bundle.class, scenario.bundleJson());
        observations = bundle.getEntry().stream()
                .map(Bundle.BundleEntryComponent::getResource)
                .filter(Observation.class::isInstance)
                .map(Observation.class::cast)
                .toList();
        assertThat(observations).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void isTheCachedLocalImplementation() {
        assertThat(query).isInstanceOf(CachedStoreQuery.class);
    }

    @Test
    void readsAPatient() throws FhirQueryException {
        List<Resource> result = query.run("Patient/" + scenario.patientId());

        assertThat(result).singleElement().isInstanceOf(Patient.class);
        assertThat(result.get(0).getIdElement().getIdPart()).isEqualTo(scenario.patientId());
    }

    @Test
    void readOfAMissingIdThrows() {
        assertThatThrownBy(() -> query.run("Patient/no-such-patient"))
                .isInstanceOf(FhirQueryException.class)
                .hasMessage("Patient/no-such-patient not found");
    }

    @Test
    void findsThePatientsObservationsForACodeList() throws FhirQueryException {
        List<Observation> wanted = observations.subList(0, 3);
        String codes = wanted.stream()
                .map(o -> o.getCode().getCodingFirstRep())
                .map(c -> c.getSystem() + "|" + c.getCode())
                .collect(Collectors.joining(","));

        List<Resource> result = query.run("Observation?patient=" + scenario.patientId() + "&code=" + codes);

        assertThat(ids(result)).containsExactlyInAnyOrderElementsOf(ids(new ArrayList<>(wanted)));
    }

    @Test
    void returnsAllMatchesWhatever_countSays() throws FhirQueryException {
        List<Resource> result = query.run("Observation?subject=Patient/" + scenario.patientId() + "&_count=1");

        assertThat(result).hasSize(observations.size());
    }

    @Test
    void includesAndSorts() throws FhirQueryException {
        List<Resource> result = query.run("Observation?patient=" + scenario.patientId()
                + "&_sort=-date&_include=Observation:subject");

        assertThat(result).filteredOn(Patient.class::isInstance).hasSize(1);
        List<Observation> found = result.stream()
                .filter(Observation.class::isInstance)
                .map(Observation.class::cast)
                .toList();
        assertThat(found).hasSize(observations.size());
        for (int i = 1; i < found.size(); i++) {
            assertThat(found.get(i - 1).getEffectiveDateTimeType().getValue())
                    .isAfterOrEqualTo(found.get(i).getEffectiveDateTimeType().getValue());
        }
    }

    @Test
    void searchWithoutParametersReturnsEveryResourceOfTheType() throws FhirQueryException {
        assertThat(query.run("Patient")).hasSizeGreaterThanOrEqualTo(Scenarios.all().size());
    }

    @Test
    void emptySearchIsAnEmptyList() throws FhirQueryException {
        Coding first = observations.get(0).getCode().getCodingFirstRep();

        assertThat(query.run("Observation?patient=no-such-patient&code=" + first.getSystem() + "|" + first.getCode()))
                .isEmpty();
    }

    @Test
    void malformedQueriesThrow() {
        for (String malformed : List.of(
                "", "Nonsense?x=1", "observation?code=1", "Observation?no-such-parameter=1",
                "Patient/1/extra", "Patient/a b", "http://elsewhere.org/fhir/Patient/1",
                "Observation?date=not-a-date", "Observation?patient=", "Observation?patient=&code=x|y")) {
            assertThatThrownBy(() -> query.run(malformed)).as(malformed).isInstanceOf(FhirQueryException.class);
        }
    }

    private static List<String> ids(List<? extends Resource> resources) {
        return resources.stream()
                .map(r -> r.fhirType() + "/" + r.getIdElement().getIdPart())
                .toList();
    }
}
