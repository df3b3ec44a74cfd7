package org.genegate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.genegate.cdshooks.Card;
import org.genegate.cdshooks.CardCoding;
import org.genegate.cdshooks.Feedback;
import org.genegate.cdshooks.Suggestion;
import org.genegate.findings.GateFinding;
import org.genegate.findings.GateStatus;
import org.genegate.findings.Severity;
import org.genegate.findings.SourceClass;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.utilities.xhtml.NodeType;
import org.hl7.fhir.utilities.xhtml.XhtmlNode;
import org.junit.jupiter.api.Test;

class AuditEventJsonTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final ObjectMapper EXACT = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true)).build();

    private final AuditEventJson json = new AuditEventJson(FHIR);
    private final List<AuditEvent> stored = new CopyOnWriteArrayList<>();
    private final AuditTrail trail = new AuditTrail(FHIR, stored::add, "GeneGate gates",
            Clock.fixed(Instant.parse("2026-11-20T10:15:30.123Z"), ZoneOffset.UTC));

    private void assertWrittenAsHapiWritesIt(Resource resource) throws Exception {
        JsonNode ours = EXACT.readTree(json.encode(resource));
        JsonNode hapis = EXACT.readTree(FHIR.newJsonParser().encodeResourceToString(resource));
        assertThat(ours).isEqualTo(hapis);
    }

    @Test
    void aHookDecisionWithFindingsCardsAndSuggestions() throws Exception {
        MedicationRequest order = new MedicationRequest().setSubject(new Reference("Patient/p1"));
        order.setId("mr1");
        GateFinding failed = new GateFinding("nab-aav5", GateStatus.FAIL, Severity.WARNING, "titer 1:900 above 1:678",
                List.of(), "EU SmPC", List.of(SourceClass.PAYER), List.of());
        Card card = new Card("5f2a1b6e-8a55-4f77-9d1b-3c1f0e2a9b10", "Complete before prior authorization", "detail",
                "warning", null, List.of(new Suggestion("Order a NAb titer", "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                        true, List.of())), null, List.of(), List.of(), Map.of());
        trail.hookDecision(new HookDecision("j1411-order-sign", "order-sign", "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
                "https://ehr.example/fhir/", "p1", "Practitioner/u1",
                List.of(new HookDecision.OrderDecision(order, null, List.of(failed))), List.of(card), List.of(card), 1));
        trail.hookDecision(new HookDecision("j1411-order-select", "order-select", "0b0c8f9a-7e36-4a47-9f0c-7d1f4f1b2c11",
                null, "p1", null, List.of(), List.of(), List.of(), 0));

        assertThat(stored).hasSize(2);
        for (AuditEvent event : stored) {
            assertWrittenAsHapiWritesIt(event);
        }
    }

    @Test
    void feedbackWithAnOverrideReason() throws Exception {
        OffsetDateTime when = OffsetDateTime.parse("2026-11-20T10:20:00Z");
        trail.feedback("j1411-order-sign", List.of(new Feedback("0b0c8f9a-7e36-4a47-9f0c-7d1f4f1b2c11",
                Feedback.OVERRIDDEN, List.of("7c9e6679-7425-40de-944b-e07fc1f90ae7"),
                List.of(new Feedback.OverrideReason(new CardCoding("http://example.org/override", "htc", "HTC"),
                        "Assay re-run")), when)));

        assertWrittenAsHapiWritesIt(stored.get(0));
    }

    @Test
    void aStoredEventWithItsVersionedIdBinaryQueryAndExtensions() throws Exception {
        AuditEvent event = new AuditEvent().setType(new Coding("http://dicom.nema.org/resources/ontology/DCM",
                "110112", "Query")).setAction(AuditEvent.AuditEventAction.E)
                .setOutcome(AuditEvent.AuditEventOutcome._4);
        event.setId(new IdType("AuditEvent", "3f0c", "1"));
        event.getMeta().addProfile("https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.Query");
        event.setRecordedElement(new org.hl7.fhir.r4.model.InstantType("2026-11-20T10:15:30.123+00:00"));
        event.addAgent().setRequestor(false).setWho(new Reference().setDisplay("app"))
                .addPolicy("urn:uuid:1").addExtension(new Extension("http://example.org/flag", new BooleanType(true)));
        event.addEntity().setQuery("Observation?patient=p1".getBytes())
                .addDetail().setType("raw").setValue(new Base64BinaryType("AAEC"));
        event.addExtension(new Extension("http://example.org/count",
                new org.hl7.fhir.r4.model.IntegerType(42)));

        assertWrittenAsHapiWritesIt(event);
        // BALP's narrative, built as a node.
        XhtmlNode div = new XhtmlNode(NodeType.Element, "div");
        div.setAttribute("xmlns", "http://www.w3.org/1999/xhtml");
        div.addText("Audit Event");
        event.getText().setStatus(Narrative.NarrativeStatus.GENERATED).setDiv(div);
        assertWrittenAsHapiWritesIt(event);
        assertThat(json.encode(event)).contains("Audit Event");
    }

    @Test
    void decimalsChoiceTypesAndBundlesOfResources() throws Exception {
        Observation weight = new Observation().setStatus(Observation.ObservationStatus.FINAL)
                .setCode(new CodeableConcept(new Coding("http://loinc.org", "29463-7", "Body weight")))
                .setValue(new Quantity().setValue(new BigDecimal("82.50")).setUnit("kg"))
                .setEffective(new DateTimeType("2026-11-01"));
        weight.setId("w1");
        Patient patient = new Patient().setActive(true);
        patient.addName().setFamily("Doe").addGiven("Jane").addGiven("Q");
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION).setTotal(2);
        bundle.addEntry().setFullUrl("urn:uuid:a").setResource(weight);
        bundle.addEntry().setFullUrl("urn:uuid:b").setResource(patient);

        assertWrittenAsHapiWritesIt(bundle);
        assertThat(json.encode(weight)).contains("82.50");
    }

    @Test
    void aNarrativeWithMarkup() throws Exception {
        Patient narrated = new Patient().setActive(true);
        narrated.getText().setStatus(Narrative.NarrativeStatus.GENERATED)
                .setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\">Jane <b>Doe</b> &amp; Q</div>");

        assertWrittenAsHapiWritesIt(narrated);
    }

    @Test
    void whatThisWriterLeavesToHapiIsStillWrittenWhole() throws Exception {
        Patient narrated = new Patient().setActive(true);
        narrated.getText().setStatus(Narrative.NarrativeStatus.GENERATED).setDivAsString("<div>Jane <b>Doe</b></div>");
        narrated.getText().addExtension(new Extension("http://example.org/reviewed", new BooleanType(true)));
        Patient contained = new Patient();
        contained.addContained(new Observation().setStatus(Observation.ObservationStatus.FINAL).setId("o1"));
        Patient primitiveExtension = new Patient();
        StringType family = new StringType("Doe");
        family.addExtension(new Extension("http://example.org/own-name", new BooleanType(true)));
        primitiveExtension.addName().setFamilyElement(family);

        for (Resource resource : List.of(narrated, contained, primitiveExtension)) {
            assertWrittenAsHapiWritesIt(resource);
        }
        assertThat(json.encode(narrated)).contains("Jane <b>Doe</b>").contains("reviewed");
        assertThat(json.encode(primitiveExtension)).contains("own-name");
    }
}
