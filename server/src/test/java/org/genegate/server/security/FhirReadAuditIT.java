package org.genegate.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.nimbusds.jose.JWSAlgorithm;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.genegate.server.AbstractSecuredServerIT;
import org.genegate.server.audit.AuditEventBatchWriter;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Reads and searches of patient data by a SMART token leave IHE BALP AuditEvents: the app and the user (from the
 * token), the patient, the resource or query, when, and the outcome. A refused read shows nothing and so records
 * no successful read; a refusal (401, 403) leaves an AuditEvent with outcome failure instead.
 */
class FhirReadAuditIT extends AbstractSecuredServerIT {

    private static final String PATIENT = "nab-high-patient";
    private static final String BALP = "https://profiles.ihe.net/ITI/BALP/StructureDefinition/";

    @Autowired
    private AuditEventBatchWriter writer;

    @Autowired
    private FhirContext fhirContext;

    @Test
    void aPatientReadAndASearchAreAuditedWithAppUserAndPatient() {
        String user = "audit-user-" + UUID.randomUUID();
        String token = TestIssuers.sign(ISSUERS.smartRs256, JWSAlgorithm.RS256, null,
                smartClaims("patient/*.read", PATIENT).subject(user).claim("client_id", "checklist-app").build());

        assertThat(get("/fhir/Patient/" + PATIENT, token).statusCode()).isEqualTo(200);
        assertThat(get("/fhir/Observation?code=http://loinc.org|1742-6", token).statusCode()).isEqualTo(200);
        assertThat(get("/fhir/Patient/eligible-patient", token).statusCode()).isEqualTo(403);
        assertThat(writer.awaitWritten(Duration.ofSeconds(30))).isTrue();

        List<AuditEvent> events = auditEventsOf(user).stream()
                .filter(event -> event.getOutcome() == AuditEvent.AuditEventOutcome._0).toList();
        assertThat(auditEventsOf(user)).filteredOn(event -> event.getOutcome() != AuditEvent.AuditEventOutcome._0)
                .singleElement().satisfies(refusal -> assertThat(refusal.getOutcomeDesc()).startsWith("403"));
        assertThat(events).extracting(event -> event.getMeta().getProfile().get(0).getValue())
                .containsExactlyInAnyOrder(BALP + "IHE.BasicAudit.PatientRead",
                        BALP + "IHE.BasicAudit.PatientQuery");
        for (AuditEvent event : events) {
            assertThat(event.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._0);
            assertThat(event.getRecorded()).isNotNull();
            assertThat(event.getAgent()).anySatisfy(agent -> assertThat(agent.getWho().getIdentifier().getValue())
                    .isEqualTo("checklist-app"));
            assertThat(event.getEntity()).anySatisfy(entity -> assertThat(entity.getWhat().getReference())
                    .startsWith("Patient/" + PATIENT));
            assertThat(event.getEntity()).noneSatisfy(entity -> assertThat(entity.getWhat().getReference())
                    .isNotNull().contains("eligible-patient"));
        }
    }

    @Test
    void refusalsAreAuditedAsFailuresWithWhoWhatAndWhen() {
        String user = "refused-user-" + UUID.randomUUID();
        String token = TestIssuers.sign(ISSUERS.smartRs256, JWSAlgorithm.RS256, null,
                smartClaims("patient/*.read", PATIENT).subject(user).claim("client_id", "curious-app").build());
        String forged = TestIssuers.sign(ISSUERS.ehrEs384, JWSAlgorithm.ES384, null,
                smartClaims("patient/*.read", PATIENT).subject(user).claim("client_id", "forged-app").build());
        String marker = UUID.randomUUID().toString();

        assertThat(get("/fhir/Patient/eligible-patient?_elements=" + marker, token).statusCode()).isEqualTo(403);
        assertThat(get("/fhir/Observation?code=" + marker, forged).statusCode()).isEqualTo(401);
        assertThat(get("/fhir/Condition?code=" + marker, null).statusCode()).isEqualTo(401);
        assertThat(writer.awaitWritten(Duration.ofSeconds(30))).isTrue();

        List<AuditEvent> refusals = auditEvents("outcome=4&_count=200").stream()
                .filter(event -> event.getEntity().stream().anyMatch(entity -> entity.hasDescription()
                        && entity.getDescription().contains(marker)))
                .toList();
        assertThat(refusals).hasSize(3);
        for (AuditEvent event : refusals) {
            assertThat(event.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._4);
            assertThat(event.getType().getCode()).isEqualTo("rest");
            assertThat(event.getRecorded()).isNotNull();
            assertThat(event.getAgentFirstRep().getNetwork().getAddress()).isNotBlank();
            assertThat(event.getOutcomeDesc()).doesNotContain("\tat ").doesNotContain("Exception").hasSizeLessThan(600);
        }
        AuditEvent forbidden = refused(refusals, "Patient/eligible-patient");
        assertThat(forbidden.getOutcomeDesc()).startsWith("403");
        assertThat(forbidden.getSubtypeFirstRep().getCode()).isEqualTo("read");
        assertThat(forbidden.getAgent()).extracting(agent -> agent.getWho().getIdentifier().getValue())
                .contains("curious-app", user);
        assertThat(forbidden.getEntity()).anySatisfy(entity -> assertThat(entity.getWhat().getReference())
                .isEqualTo("Patient/" + PATIENT));

        AuditEvent badToken = refused(refusals, "Observation?code=");
        assertThat(badToken.getOutcomeDesc()).startsWith("401");
        assertThat(badToken.getAgentFirstRep().getWho().getIdentifier().getValue())
                .isEqualTo(RefusalAudit.UNAUTHENTICATED);
        assertThat(badToken.getAgentFirstRep().getWho().getDisplay()).contains("forged-app", "unverified");
        assertThat(badToken.getAgent()).extracting(agent -> agent.getWho().getIdentifier().getValue())
                .doesNotContain(user);

        AuditEvent noToken = refused(refusals, "Condition?code=");
        assertThat(noToken.getOutcomeDesc()).startsWith("401");
        assertThat(noToken.getAgentFirstRep().getWho().getDisplay()).isEqualTo("no access token");
    }

    private static AuditEvent refused(List<AuditEvent> refusals, String asked) {
        return refusals.stream().filter(event -> event.getEntity().stream().anyMatch(entity -> entity.hasDescription()
                && entity.getDescription().contains(asked))).findFirst().orElseThrow();
    }

    /** The user's events, found as an auditor finds them: a search by agent. */
    private List<AuditEvent> auditEventsOf(String user) {
        return auditEvents("agent=" + user);
    }

    /** The newest matching events, asked for with an auditor's system-level token. */
    private List<AuditEvent> auditEvents(String query) {
        HttpResponse<String> response = get("/fhir/AuditEvent?" + query, smartToken("system/AuditEvent.read", null));
        assertThat(response.statusCode()).isEqualTo(200);
        return fhirContext.newJsonParser().parseResource(Bundle.class, response.body()).getEntry().stream()
                .map(entry -> (AuditEvent) entry.getResource()).toList();
    }
}
