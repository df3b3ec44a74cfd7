package org.genegate.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.genegate.cards.OrderNoticeCards;
import org.genegate.server.AbstractServerIT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way a Hemgenix order reaches GeneGate, over real HTTP against the real server: every recognised coding form
 * (HCPCS J1411 under each system identifier and without a system, each NDC spelling under both NDC identifiers,
 * RxNorm under each identifier, text) x every way of carrying the medication (a CodeableConcept, a contained
 * Medication, a Medication among the draft orders, in prefetch as a resource or as a Bundle entry beside an
 * OperationOutcome, only on the FHIR server behind an absolute reference) x every request type x valid and slightly
 * invalid shapes. The patient is a child, so a judged order must carry the critical age finding. Never an empty
 * answer, never an error status.
 */
class HemgenixOrderFormsIT extends AbstractServerIT {

    private static final String PATIENT = "pediatric-patient";
    private static final String USER = "Practitioner/pediatric-practitioner";

    enum Carrier { CODEABLE_CONCEPT, CONTAINED, DRAFT_ORDERS_ENTRY, PREFETCH_RESOURCE, PREFETCH_BUNDLE_ENTRY, FHIR_SERVER }

    enum Shape { VALID, CATEGORY_AS_OBJECT, DOSE_AND_RATE_AS_OBJECT, NON_FHIR_FIELD }

    enum RequestType { MEDICATION_REQUEST, SERVICE_REQUEST, DEVICE_REQUEST, NUTRITION_ORDER }

    /** A coding as EHRs send it: system null means the coding has none. */
    record CodingForm(String name, String system, String code, String text) {
        ObjectNode concept() {
            ObjectNode concept = HookClient.JSON.createObjectNode();
            if (code != null) {
                ObjectNode coding = concept.putArray("coding").addObject();
                if (system != null) {
                    coding.put("system", system);
                }
                coding.put("code", code);
            }
            if (text != null) {
                concept.put("text", text);
            }
            return concept;
        }
    }

    static List<CodingForm> codingForms() {
        List<CodingForm> forms = new ArrayList<>();
        for (String system : List.of("https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets",
                "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets",
                "https://bluebutton.cms.gov/resources/codesystem/hcpcs", "http://terminology.hl7.org/CodeSystem/HCPCS",
                "urn:oid:2.16.840.1.113883.6.285")) {
            forms.add(new CodingForm("J1411 " + system, system, "J1411", null));
        }
        forms.add(new CodingForm("j1411 lower case", "https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets", "j1411",
                null));
        forms.add(new CodingForm("J1411 without system", null, "J1411", null));
        for (String system : List.of("http://hl7.org/fhir/sid/ndc", "urn:oid:2.16.840.1.113883.6.69")) {
            for (String ndc : List.of("0053-0300-30", "00053-0300-30", "00053030030", "0053030030")) {
                forms.add(new CodingForm("NDC " + ndc + " " + system, system, ndc, null));
            }
        }
        for (String system : List.of("http://www.nlm.nih.gov/research/umls/rxnorm",
                "https://www.nlm.nih.gov/research/umls/rxnorm", "urn:oid:2.16.840.1.113883.6.88")) {
            forms.add(new CodingForm("RxNorm " + system, system, "2626772", null));
        }
        forms.add(new CodingForm("text only", null, null, "Hemgenix (etranacogene dezaparvovec-drlb)"));
        return forms;
    }

    static Stream<Arguments> medicationRequests() {
        List<Arguments> cases = new ArrayList<>();
        for (CodingForm form : codingForms()) {
            for (Carrier carrier : Carrier.values()) {
                for (Shape shape : Shape.values()) {
                    cases.add(Arguments.of(Named.of(form.name(), form), carrier, shape));
                }
            }
        }
        return cases.stream();
    }

    static Stream<Arguments> otherRequestTypes() {
        List<Arguments> cases = new ArrayList<>();
        for (CodingForm form : codingForms()) {
            for (RequestType type : List.of(RequestType.SERVICE_REQUEST, RequestType.DEVICE_REQUEST,
                    RequestType.NUTRITION_ORDER)) {
                for (Shape shape : List.of(Shape.VALID, Shape.CATEGORY_AS_OBJECT, Shape.NON_FHIR_FIELD)) {
                    cases.add(Arguments.of(Named.of(form.name(), form), type, shape));
                }
            }
        }
        return cases.stream();
    }

    private HookClient client;

    @BeforeEach
    void client() {
        client = new HookClient(port);
    }

    @ParameterizedTest(name = "{0}, {1}, {2}")
    @MethodSource("medicationRequests")
    void aHemgenixMedicationRequestIsJudgedHoweverItIsSent(CodingForm form, Carrier carrier, Shape shape) {
        ObjectNode request = hookRequest();
        ObjectNode order = draftOrder(request, "MedicationRequest", "forms-order");
        order.put("intent", "order");
        order.putObject("subject").put("reference", "Patient/" + PATIENT);
        order.put("authoredOn", "2026-11-20");
        String medicationId = "forms-med-" + Math.abs((form.name() + carrier).hashCode());
        ObjectNode medication = HookClient.JSON.createObjectNode().put("resourceType", "Medication")
                .put("id", medicationId);
        medication.set("code", form.concept());
        switch (carrier) {
            case CODEABLE_CONCEPT -> order.set("medicationCodeableConcept", form.concept());
            case CONTAINED -> {
                order.putArray("contained").add(medication);
                order.putObject("medicationReference").put("reference", "#" + medicationId);
            }
            case DRAFT_ORDERS_ENTRY -> {
                entries(request).addObject().put("fullUrl", "urn:uuid:" + UUID.randomUUID()).set("resource", medication);
                order.putObject("medicationReference").put("reference", "Medication/" + medicationId);
            }
            case PREFETCH_RESOURCE -> {
                request.putObject("prefetch").set("medication", medication);
                order.putObject("medicationReference").put("reference", "Medication/" + medicationId);
            }
            case PREFETCH_BUNDLE_ENTRY -> {
                ObjectNode prefetch = request.putObject("prefetch");
                prefetch.putNull("device");
                ObjectNode bundle = prefetch.putObject("medications").put("resourceType", "Bundle")
                        .put("type", "searchset");
                ArrayNode bundleEntries = bundle.putArray("entry");
                ObjectNode warning = bundleEntries.addObject();
                warning.putObject("search").put("mode", "outcome");
                ObjectNode outcome = warning.putObject("resource").put("resourceType", "OperationOutcome");
                outcome.putArray("issue").addObject().put("severity", "warning").put("code", "processing")
                        .put("diagnostics", "Some results were filtered");
                bundleEntries.addObject().put("fullUrl", "https://ehr.example.org/fhir/Medication/" + medicationId)
                        .set("resource", medication);
                order.putObject("medicationReference").put("reference", "Medication/" + medicationId);
            }
            case FHIR_SERVER -> {
                HookClient.Response stored = client.put("/fhir/Medication/" + medicationId, medication.toString());
                assertThat(stored.status()).as(stored.body()).isBetween(200, 201);
                request.put("fhirServer", client.fhirBase());
                request.putObject("fhirAuthorization").put("access_token", "test-token").put("token_type", "Bearer")
                        .put("expires_in", 300).put("scope", "patient/*.read").put("subject", "genegate");
                order.putObject("medicationReference").put("reference",
                        client.fhirBase() + "/Medication/" + medicationId);
            }
        }
        applyShape(order, shape);

        JsonNode answer = answered(request);

        Map<String, String> findings = HookAssertions.findings(answer);
        assertThat(findings).as("a child's Hemgenix order is judged: %s", answer).containsEntry("age", "FAIL");
        assertThat(HookAssertions.cardGroups(answer)).contains("critical");
        if (shape == Shape.VALID) {
            assertThat(findings).doesNotContainKey(OrderNoticeCards.GATE);
        } else {
            assertThat(findings).containsEntry(OrderNoticeCards.GATE, "COULD_NOT_VERIFY");
            assertThat(answer.get("systemActions")).as("an order read with repairs is not echoed").isEmpty();
        }
        if (form.system() == null && form.code() != null) {
            assertThat(findings).as("the missing system is reported").containsEntry("coding", "FAIL");
        }
    }

    @ParameterizedTest(name = "{0}, {1}, {2}")
    @MethodSource("otherRequestTypes")
    void aHemgenixOrderOfAnotherRequestTypeGetsAWarningSayingHowToOrderIt(CodingForm form, RequestType type,
                                                                          Shape shape) {
        ObjectNode request = hookRequest();
        switch (type) {
            case SERVICE_REQUEST -> {
                ObjectNode order = draftOrder(request, "ServiceRequest", "forms-service-request");
                order.put("intent", "order");
                order.set("code", form.concept());
                order.putObject("subject").put("reference", "Patient/" + PATIENT);
                applyShape(order, shape);
            }
            case DEVICE_REQUEST -> {
                ObjectNode order = draftOrder(request, "DeviceRequest", "forms-device-request");
                order.put("intent", "order");
                order.set("codeCodeableConcept", form.concept());
                order.putObject("subject").put("reference", "Patient/" + PATIENT);
                applyShape(order, shape);
            }
            default -> {
                ObjectNode order = draftOrder(request, "NutritionOrder", "forms-nutrition-order");
                order.put("intent", "order");
                order.put("dateTime", "2026-11-20");
                order.putObject("patient").put("reference", "Patient/" + PATIENT);
                order.putObject("enteralFormula").set("baseFormulaType", form.concept());
                applyShape(order, shape);
            }
        }

        JsonNode answer = answered(request);

        assertThat(HookAssertions.findings(answer)).as(answer.toString())
                .containsEntry(OrderNoticeCards.GATE, "COULD_NOT_VERIFY");
        assertThat(answer.toString()).contains("as a MedicationRequest coded J1411");
    }

    /** Hostile values in a Hemgenix order that HAPI can still read leniently: judged, and the card says so. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("garbageInAHemgenixOrder")
    void garbageInAHemgenixOrderIsReportedNotRefused(String field, String value) {
        ObjectNode request = hookRequest();
        ObjectNode order = draftOrder(request, "MedicationRequest", "forms-garbage-order");
        order.put("intent", "order");
        order.putObject("subject").put("reference", "Patient/" + PATIENT);
        order.putObject("medicationCodeableConcept").put("text", "Hemgenix").putArray("coding").addObject()
                .put("system", "https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets").put("code", "J1411");
        order.set(field, HookClient.read(value));

        JsonNode answer = answered(request);

        assertThat(HookAssertions.findings(answer)).as(answer.toString())
                .containsEntry(OrderNoticeCards.GATE, "COULD_NOT_VERIFY");
        assertThat(answer.get("systemActions")).isEmpty();
    }

    static Stream<Arguments> garbageInAHemgenixOrder() {
        return Stream.of(Arguments.of("status", "{\"a\":1}"), Arguments.of("subject", "\"Patient/x\""),
                Arguments.of("authoredOn", "\"not-a-date\""), Arguments.of("authoredOn", "\"2026-13-45\""),
                Arguments.of("dosageInstruction", "{\"text\":\"x\"}"),
                Arguments.of("dosageInstruction", "[{\"doseAndRate\":[{\"doseQuantity\":{\"value\":\"lots\"}}]}]"),
                Arguments.of("intent", "true"), Arguments.of("id", "{\"x\":1}"), Arguments.of("contained", "[42]"),
                Arguments.of("extension", "[{\"url\":\"x\",\"valueBoolean\":\"yes\"}]"),
                Arguments.of("category", "{\"text\":\"community\"}"));
    }

    private JsonNode answered(ObjectNode request) {
        HookClient.Response response = client.post("/cds-services/" + CdsServiceCatalog.ORDER_SIGN_ID,
                request.toString());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode answer = response.json();
        assertThat(answer.get("cards")).as("never an empty answer for a Hemgenix order").isNotEmpty();
        HookAssertions.assertWellFormed(answer);
        return answer;
    }

    private static ObjectNode hookRequest() {
        ObjectNode request = HookClient.JSON.createObjectNode();
        request.put("hook", "order-sign");
        request.put("hookInstance", UUID.randomUUID().toString());
        ObjectNode context = request.putObject("context");
        context.put("userId", USER);
        context.put("patientId", PATIENT);
        context.putObject("draftOrders").put("resourceType", "Bundle").put("type", "collection").putArray("entry");
        return request;
    }

    private static ArrayNode entries(ObjectNode request) {
        return (ArrayNode) request.get("context").get("draftOrders").get("entry");
    }

    private static ObjectNode draftOrder(ObjectNode request, String type, String id) {
        ObjectNode order = entries(request).addObject().putObject("resource");
        order.put("resourceType", type).put("id", id).put("status", "draft");
        return order;
    }

    /** The slightly invalid shapes real clients send (see docs/recognition.md). */
    private static void applyShape(ObjectNode order, Shape shape) {
        switch (shape) {
            case VALID -> { }
            case CATEGORY_AS_OBJECT -> order.putObject("category").putArray("coding").addObject()
                    .put("system", "http://terminology.hl7.org/CodeSystem/medicationrequest-category")
                    .put("code", "outpatient");
            case DOSE_AND_RATE_AS_OBJECT -> order.putArray("dosageInstruction").addObject().put("text", "once")
                    .putObject("doseAndRate").putObject("doseQuantity").put("value", 70).put("unit", "mL")
                    .put("system", "http://unitsofmeasure.org").put("code", "mL");
            case NON_FHIR_FIELD -> order.putObject("_resolvedMedication").put("resourceType", "Medication");
        }
    }
}
