package org.genegate.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.genegate.server.AbstractSecuredServerIT;
import org.genegate.server.audit.AuditEventBatchWriter;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Who may see and write audit events under SMART: a patient token sees its own patient's events only (its searches
 * are narrowed, asking for another patient's events or reading one is a 403, as for any resource of a patient's record), only a system-level
 * token may create one, and an entry refused inside a batch is audited as a refusal.
 */
class AuditEventAccessIT extends AbstractSecuredServerIT {

    private static final String A = "nab-high-patient";
    private static final String B = "eligible-patient";

    @Autowired
    private AuditEventBatchWriter writer;

    @Autowired
    private FhirContext fhirContext;

    @Test
    void aPatientTokenSeesItsOwnPatientsEventsOnly() {
        String run = UUID.randomUUID().toString();
        AuditEvent ofA = event(run, A);
        AuditEvent ofB = event(run, B);
        writer.write(ofA);
        writer.write(ofB);
        assertThat(writer.awaitWritten(Duration.ofSeconds(30))).isTrue();
        String tokenOfA = smartToken("patient/*.read", A);

        assertThat(ids(get("/fhir/AuditEvent?entity-name:exact=" + run, tokenOfA)))
                .containsExactly(ofA.getIdElement().getIdPart());
        assertThat(get("/fhir/AuditEvent?entity-name:exact=" + run + "&patient=Patient/" + B, tokenOfA)
                .statusCode()).isEqualTo(403);
        assertThat(get("/fhir/AuditEvent/" + ofA.getIdElement().getIdPart(), tokenOfA).statusCode()).isEqualTo(200);
        assertThat(get("/fhir/AuditEvent/" + ofB.getIdElement().getIdPart(), tokenOfA).statusCode()).isEqualTo(403);

        assertThat(ids(get("/fhir/AuditEvent?entity-name:exact=" + run, smartToken("system/AuditEvent.read", null))))
                .containsExactlyInAnyOrder(ofA.getIdElement().getIdPart(), ofB.getIdElement().getIdPart());
    }

    @Test
    void onlyASystemLevelTokenMayCreateAnAuditEvent() {
        String run = UUID.randomUUID().toString();
        String body = fhirContext.newJsonParser().encodeResourceToString(event(run, A));
        for (String scope : List.of("patient/*.write", "patient/AuditEvent.c", "user/*.write", "user/AuditEvent.c",
                "system/Patient.c")) {
            String token = smartToken(scope, scope.startsWith("patient/") ? A : null);
            assertThat(post("/fhir/AuditEvent", body, "application/fhir+json", token).statusCode()).as(scope)
                    .isEqualTo(403);
        }
        for (String scope : List.of("system/AuditEvent.c", "system/*.write")) {
            HttpResponse<String> created = post("/fhir/AuditEvent", body, "application/fhir+json",
                    smartToken(scope, null));
            assertThat(created.statusCode()).as(scope + ": " + created.body()).isEqualTo(201);
        }
        assertThat(ids(get("/fhir/AuditEvent?entity-name:exact=" + run, smartToken("system/AuditEvent.read", null))))
                .hasSize(2);
    }

    @Test
    void anEntryRefusedInsideABatchLeavesARefusalEvent() {
        String since = Instant.now().minusSeconds(1).toString();
        // B's record naming A as performer: inside A's compartment, so the batch passes the first check, and
        // refused when the entry is stored (it is not A's record).
        Observation ofB = new Observation().setStatus(Observation.ObservationStatus.FINAL)
                .setCode(new CodeableConcept(new Coding("http://loinc.org", "1742-6", null)))
                .setSubject(new Reference("Patient/" + B)).addPerformer(new Reference("Patient/" + A));
        Observation ofA = ofB.copy().setSubject(new Reference("Patient/" + A));
        Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
        batch.addEntry().setResource(ofA).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
        batch.addEntry().setResource(ofB).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");

        HttpResponse<String> response = post("/fhir", fhirContext.newJsonParser().encodeResourceToString(batch),
                "application/fhir+json", smartToken("patient/Observation.cruds", A));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Bundle answer = fhirContext.newJsonParser().parseResource(Bundle.class, response.body());
        assertThat(answer.getEntry().get(0).getResponse().getStatus()).as(response.body()).startsWith("201");
        assertThat(answer.getEntry().get(1).getResponse().getStatus()).as(response.body()).startsWith("403");
        assertThat(writer.awaitWritten(Duration.ofSeconds(30))).isTrue();
        List<AuditEvent> refusals = events(get("/fhir/AuditEvent?outcome=4&patient=Patient/" + A + "&date=ge" + since
                + "&_count=100", smartToken("system/AuditEvent.read", null))).stream()
                .filter(event -> event.getEntity().stream().anyMatch(entity -> entity.hasDescription()
                        && entity.getDescription().startsWith("batch entry POST Observation")))
                .toList();
        assertThat(refusals).singleElement().satisfies(refusal -> {
            assertThat(refusal.getOutcomeDesc()).startsWith("403");
            assertThat(refusal.getSubtypeFirstRep().getCode()).isEqualTo("create");
            assertThat(refusal.getAction()).isEqualTo(AuditEvent.AuditEventAction.C);
        });
    }

    private AuditEvent event(String run, String patient) {
        AuditEvent event = new AuditEvent()
                .setType(new Coding("http://genegate.org/fhir/CodeSystem/genegate", "hook-decision", null))
                .setAction(AuditEvent.AuditEventAction.E)
                .setRecorded(new Date())
                .setOutcome(AuditEvent.AuditEventOutcome._0);
        event.addAgent().setRequestor(false).setWho(new Reference().setDisplay("a hook tier"));
        event.addEntity().setWhat(new Reference("Patient/" + patient)).setName(run);
        return event;
    }

    private List<AuditEvent> events(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return fhirContext.newJsonParser().parseResource(Bundle.class, response.body()).getEntry().stream()
                .map(entry -> (AuditEvent) entry.getResource()).toList();
    }

    private List<String> ids(HttpResponse<String> response) {
        return events(response).stream().map(event -> event.getIdElement().getIdPart()).toList();
    }
}
