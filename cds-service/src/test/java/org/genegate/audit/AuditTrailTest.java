package org.genegate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.genegate.cdshooks.CardCoding;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.genegate.cdshooks.Feedback;

class AuditTrailTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final Instant NOW = Instant.parse("2026-11-20T10:15:30Z");
    private static final String INSTANCE = "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea";

    private final List<AuditEvent> stored = new CopyOnWriteArrayList<>();
    private final AuditTrail trail = new AuditTrail(FHIR, stored::add, "GeneGate J1411 gates",
            Clock.fixed(NOW, ZoneOffset.UTC));

    private static MedicationRequest order() {
        MedicationRequest order = new MedicationRequest().setSubject(new Reference("Patient/p1"));
        order.setId("mr1");
        return order;
    }

    private static String detail(AuditEvent.AuditEventEntityComponent entity, String type) {
        return entity.getDetail().stream().filter(d -> type.equals(d.getType())).findFirst()
                .map(d -> d.getValue().primitiveValue()).orElse(null);
    }

    @Test
    void aDecisionFromTheEhrNamesThePatientUserAndOrderAsTheEhrKnowsThem() {
        trail.hookDecision(new HookDecision("j1411-order-sign", "order-sign", INSTANCE, "https://ehr.example/fhir/",
                "p1", "Practitioner/u1", List.of(new HookDecision.OrderDecision(order(), null, List.of())), List.of(),
                List.of(), 1));

        AuditEvent event = stored.get(0);
        assertThat(event.getRecorded()).isEqualTo(Date.from(NOW));
        assertThat(event.getSource().getSite()).isEqualTo("j1411-order-sign");
        assertThat(event.getAgentFirstRep().getName()).isEqualTo("Practitioner/u1");
        assertThat(event.getEntity()).extracting(AuditEvent.AuditEventEntityComponent::getName)
                .containsExactly("Patient/p1", INSTANCE, "MedicationRequest/mr1");
        assertThat(event.getEntity().get(0).getWhat().getReference()).isEqualTo("https://ehr.example/fhir/Patient/p1");
        assertThat(detail(event.getEntity().get(1), "record-source")).isEqualTo("https://ehr.example/fhir/");
        assertThat(detail(event.getEntity().get(1), "system-actions")).isEqualTo("1");
        // The order exactly as signed, whatever happens to it later.
        assertThat(FHIR.newJsonParser().parseResource(MedicationRequest.class,
                detail(event.getEntity().get(2), "draft-order")).getSubject().getReference()).isEqualTo("Patient/p1");
        assertThat(event.getOutcomeDesc()).isEqualTo("order-sign for Patient/p1 by Practitioner/u1: all gates passed; "
                + "cards sent: none");
    }

    @Test
    void aDecisionOnThisServersRecordSaysSoAndAnUnnamedUserIsNotGuessed() {
        trail.hookDecision(new HookDecision("j1411-order-select", "order-select", INSTANCE, null, "p1", null,
                List.of(), List.of(), List.of(), 0));

        AuditEvent event = stored.get(0);
        assertThat(event.getEntity().get(0).getWhat().getReference()).isEqualTo("Patient/p1");
        assertThat(detail(event.getEntity().get(1), "record-source")).isEqualTo("this server's FHIR store");
        assertThat(event.getAgentFirstRep().getWho().getDisplay()).isEqualTo("user not named in the hook context");
    }

    @Test
    void eachFeedbackItemIsOneEventWithItsOverrideReason() {
        OffsetDateTime when = OffsetDateTime.parse("2026-11-20T10:20:00Z");
        trail.feedback("j1411-order-sign", List.of(
                new Feedback("0b0c8f9a-7e36-4a47-9f0c-7d1f4f1b2c11", Feedback.OVERRIDDEN, List.of(),
                        List.of(new Feedback.OverrideReason(new CardCoding("http://example.org/override", "htc",
                                "Reviewed with the HTC"), "Assay re-run: 1:150")), when),
                new Feedback("5f2a1b6e-8a55-4f77-9d1b-3c1f0e2a9b10", Feedback.ACCEPTED,
                        List.of("7c9e6679-7425-40de-944b-e07fc1f90ae7"), List.of(), when)));

        assertThat(stored).hasSize(2);
        AuditEvent overridden = stored.get(0);
        assertThat(overridden.getPeriod().getStart()).isEqualTo(Date.from(when.toInstant()));
        assertThat(detail(overridden.getEntityFirstRep(), "override-reason"))
                .isEqualTo("http://example.org/override|htc (Reviewed with the HTC)");
        assertThat(overridden.getOutcomeDesc()).isEqualTo("Card 0b0c8f9a-7e36-4a47-9f0c-7d1f4f1b2c11 overridden: "
                + "http://example.org/override|htc (Reviewed with the HTC): \"Assay re-run: 1:150\"");
        assertThat(detail(stored.get(1).getEntityFirstRep(), "accepted-suggestion"))
                .isEqualTo("7c9e6679-7425-40de-944b-e07fc1f90ae7");
    }
}
