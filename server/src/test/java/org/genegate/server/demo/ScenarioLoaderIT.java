package org.genegate.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.genegate.profiles.Scenario;
import org.genegate.profiles.Scenarios;
import org.genegate.server.AbstractServerIT;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ScenarioLoaderIT extends AbstractServerIT {

    @Autowired
    private ScenarioLoader loader;

    @Test
    void everyScenarioPatientIsServed() {
        for (Scenario scenario : Scenarios.all()) {
            HttpResponse<String> response = fhirGet("Patient/" + scenario.patientId());

            assertThat(response.statusCode()).as(scenario.id()).isEqualTo(200);
        }
    }

    @Test
    void loadingAgainLeavesTheRecordsAtTheirVersion() {
        Scenario first = Scenarios.all().get(0);
        String versionBefore = patientVersion(first);

        loader.load();

        assertThat(patientVersion(first)).isEqualTo(versionBefore);
    }

    private String patientVersion(Scenario scenario) {
        return parse(Patient.class, fhirGet("Patient/" + scenario.patientId())).getMeta().getVersionId();
    }
}
