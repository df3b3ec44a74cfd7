package org.genegate.cards;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.List;
import org.genegate.cdshooks.Action;
import org.genegate.findings.GateFinding;
import org.genegate.findings.GateStatus;
import org.genegate.findings.Severity;
import org.genegate.findings.SourceClass;
import org.genegate.gates.Assessment;
import org.genegate.gates.CoverageDetermination;
import org.genegate.orders.DraftOrder;
import org.genegate.gates.GateCatalog;
import org.genegate.gates.Gates;
import org.genegate.policy.Policy;
import org.genegate.policy.PolicyLoader;
import org.genegate.policy.ProductSettings;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class CoverageInformationActionTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 20);
    // Decimals stay as written (1.50 is not 1.5).
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true)).build();
    private static final Policy POLICY = PolicyLoader.loadDefault(Gates.ALL);

    private final CoverageInformationAction action = new CoverageInformationAction(FHIR,
            new ProductSettings("Hemgenix", "etranacogene dezaparvovec", "J1411",
                    "http://genegate.org/fhir/ValueSet/hemgenix-product", List.of("Hemgenix")));

    private static MedicationRequest order() {
        MedicationRequest order = new MedicationRequest().setSubject(new Reference("Patient/p1"));
        order.setId("mr1");
        // A stale assertion from an earlier call is replaced, never kept beside the new one.
        order.addExtension(new Extension(CoverageInformationAction.EXTENSION_URL));
        return order;
    }

    /** The order as a client would send it: HAPI's JSON of {@link #order()}. */
    private static JsonNode sent() {
        try {
            return JSON.readTree(FHIR.newJsonParser().encodeResourceToString(order()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Assessment assessment(CoverageDetermination coverage, List<GateFinding> findings) {
        return new Assessment(new DraftOrder(order(), null, List.of(), TODAY), findings, coverage, "test",
                POLICY.product(), GateCatalog.of(POLICY));
    }

    private static CoverageDetermination coverage(String covered, String paNeeded) {
        return new CoverageDetermination("Coverage/cov-1", "Acme Health", "acme", covered, paNeeded, "yes",
                List.of("NAb titer"));
    }

    private static GateFinding finding(String gateId, GateStatus status, Severity severity) {
        return new GateFinding(gateId, status, severity, gateId + " " + status, List.of(), "test source",
                List.of(SourceClass.PAYER), List.of());
    }

    private Extension sentExtension(Action built) {
        MedicationRequest updated = FHIR.newJsonParser().parseResource(MedicationRequest.class, built.resource());
        assertThat(updated.getIdElement().getIdPart()).isEqualTo("mr1");
        assertThat(updated.getExtensionsByUrl(CoverageInformationAction.EXTENSION_URL)).hasSize(1);
        return updated.getExtensionByUrl(CoverageInformationAction.EXTENSION_URL);
    }

    @Test
    void withoutActiveCoverageNoActionIsSent() {
        assertThat(action.build(assessment(null, List.of()), sent(), TODAY)).isEmpty();
    }

    @Test
    void theWholeOrderIsUpdatedWithOneCoverageAssertionDatedToday() {
        Action built = action.build(assessment(coverage("conditional", "auth-needed"), List.of()), sent(), TODAY)
                .orElseThrow();

        assertThat(built.type()).isEqualTo("update");
        assertThat(built.description()).isEqualTo("Record coverage information for the Hemgenix order (Acme Health)");
        Extension info = sentExtension(built);
        assertThat(((Reference) info.getExtensionByUrl("coverage").getValue()).getReference())
                .isEqualTo("Coverage/cov-1");
        assertThat(info.getExtensionByUrl("covered").getValue().primitiveValue()).isEqualTo("conditional");
        assertThat(info.getExtensionByUrl("pa-needed").getValue().primitiveValue()).isEqualTo("auth-needed");
        assertThat(info.getExtensionByUrl("date").getValue().primitiveValue()).isEqualTo("2026-11-20");
        assertThat(info.getExtensionByUrl("coverage-assertion-id").getValue().primitiveValue()).matches("[0-9a-f]{32}");
        assertThat(info.getExtensionByUrl("doc-needed")).isNull();
    }

    @Test
    void notCoveredCarriesNoPaNeededAndOpenClinicalGatesAskForDocumentation() {
        Action built = action.build(assessment(coverage("not-covered", "auth-needed"), List.of(
                finding("nab-aav5", GateStatus.MISSING, Severity.WARNING),
                finding("payer", GateStatus.FAIL, Severity.CRITICAL))), sent(), TODAY).orElseThrow();

        Extension info = sentExtension(built);
        assertThat(info.getExtensionByUrl("pa-needed")).isNull();
        assertThat(info.getExtensionByUrl("doc-needed").getValue().primitiveValue()).isEqualTo("clinical");
        assertThat(info.getExtensionByUrl("doc-purpose").getValue().primitiveValue()).isEqualTo("withpa");
    }

    @Test
    void aPayerFindingAloneAsksForNoClinicalDocumentation() {
        Action built = action.build(assessment(coverage("covered", "no-auth"), List.of(
                finding("payer", GateStatus.FAIL, Severity.WARNING))), sent(), TODAY).orElseThrow();

        assertThat(sentExtension(built).getExtensionByUrl("doc-needed")).isNull();
    }

    @Test
    void theOrderIsHandedBackAsSentWithOnlyTheExtensionChanged() throws Exception {
        // Written as a client may write it: a decimal with a trailing zero, properties in its own order, an
        // extension of its own; HAPI's re-encoding would change the first two.
        String sent = """
                {"subject": {"reference": "Patient/p1"}, "resourceType": "MedicationRequest", "id": "mr1",
                 "status": "draft", "intent": "order",
                 "extension": [{"url": "http://example.org/ehr-flag", "valueBoolean": true},
                               {"url": "%s"}],
                 "medicationCodeableConcept": {"text": "Hemgenix"},
                 "dosageInstruction": [{"doseAndRate": [{"doseQuantity": {"value": 140.50, "unit": "mL"}}]}]}
                """.formatted(CoverageInformationAction.EXTENSION_URL);
        JsonNode sentJson = JSON.readTree(sent);

        Action built = action.build(assessment(coverage("covered", "no-auth"), List.of()), sentJson, TODAY)
                .orElseThrow();

        ObjectNode handedBack = (ObjectNode) JSON.readTree(built.resource());
        assertThat(handedBack.path("extension")).hasSize(2);
        assertThat(handedBack.path("extension").get(0)).isEqualTo(sentJson.path("extension").get(0));
        assertThat(handedBack.path("extension").get(1).path("url").asText())
                .isEqualTo(CoverageInformationAction.EXTENSION_URL);
        assertThat(handedBack.path("extension").get(1).path("extension")).isNotEmpty();
        handedBack.remove("extension");
        ObjectNode expected = ((ObjectNode) sentJson).deepCopy();
        expected.remove("extension");
        assertThat(handedBack).isEqualTo(expected);
        assertThat(built.resource()).contains("140.50");
        assertThat(sentJson.path("extension")).hasSize(2); // the request's own tree is not changed
        assertThat(sentExtension(built).getExtensionByUrl("covered").getValue().primitiveValue()).isEqualTo("covered");
    }

    @Test
    void anOrderWithoutJsonOfItsOwnIsHandedBackAsRead() {
        Action built = action.build(assessment(coverage("covered", "no-auth"), List.of()), null, TODAY)
                .orElseThrow();

        assertThat(sentExtension(built).getExtensionByUrl("covered").getValue().primitiveValue()).isEqualTo("covered");
    }
}
