package org.genegate.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import org.genegate.assessment.SentOrder;
import org.genegate.assessment.SentOrders;
import org.genegate.cdshooks.HookRequest;
import org.genegate.fetch.ResourceTreeParser;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class HookRequestReaderTest {

    private static final String ORDERS = "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[{\"resource\":"
            + "{\"resourceType\":\"MedicationRequest\",\"id\":\"mr1\",\"status\":\"draft\",\"intent\":\"order\","
            + "\"subject\":{\"reference\":\"Patient/p1\"},\"medicationCodeableConcept\":{\"text\":\"Hemgenix\"}}}]}";

    private final HookRequestReader reader = new HookRequestReader(FhirContext.forR4Cached());

    private static String request(String hook, String context) {
        return "{\"hook\":\"" + hook + "\",\"hookInstance\":\"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea\","
                + "\"context\":" + context + "}";
    }

    @Test
    void readsAValidOrderSign() {
        HookRequest request = reader.read(request("order-sign",
                "{\"userId\":\"Practitioner/u1\",\"patientId\":\"p1\",\"draftOrders\":" + ORDERS + "}"), "order-sign");

        assertThat(request.context().patientId()).isEqualTo("p1");
        assertThat(request.context().userId()).isEqualTo("Practitioner/u1");
        assertThat(request.context().draftOrders().orders()).hasSize(1);
        assertThat(request.prefetch()).isEmpty();
    }

    @Test
    void aPatientIdSentAsAReferenceIsReadAsTheBareId() {
        HookRequest request = reader.read(request("order-sign",
                "{\"patientId\":\"Patient/p1\",\"draftOrders\":" + ORDERS + "}"), "order-sign");

        assertThat(request.context().patientId()).isEqualTo("p1");
        assertStatus(request("order-sign", "{\"patientId\":\"Patient/../x\",\"draftOrders\":" + ORDERS + "}"),
                HttpStatus.UNPROCESSABLE_ENTITY);
    }

    @Test
    void notJsonIs400() {
        assertStatus("this is not json", HttpStatus.BAD_REQUEST);
        assertStatus("", HttpStatus.BAD_REQUEST);
        assertStatus("{\"hook\":", HttpStatus.BAD_REQUEST);
    }

    @Test
    void deeplyNestedJsonIsRefusedAs400() {
        assertStatus("[".repeat(5000) + "]".repeat(5000), HttpStatus.BAD_REQUEST);
    }

    @Test
    void invalidHookRequestsAre422() {
        String context = "{\"patientId\":\"p1\",\"draftOrders\":" + ORDERS + "}";
        assertStatus("[]", HttpStatus.UNPROCESSABLE_ENTITY);
        assertStatus("{\"hookInstance\":\"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea\",\"context\":" + context + "}",
                HttpStatus.UNPROCESSABLE_ENTITY);
        assertStatus("{\"hook\":\"order-sign\",\"context\":" + context + "}", HttpStatus.UNPROCESSABLE_ENTITY);
        assertStatus("{\"hook\":\"order-sign\",\"hookInstance\":\"not-a-uuid\",\"context\":" + context + "}",
                HttpStatus.UNPROCESSABLE_ENTITY);
        assertStatus("{\"hook\":\"order-sign\",\"hookInstance\":\"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea\"}",
                HttpStatus.UNPROCESSABLE_ENTITY);
        assertStatus(request("order-sign", "{\"draftOrders\":" + ORDERS + "}"), HttpStatus.UNPROCESSABLE_ENTITY);
        assertStatus(request("order-sign", "{\"patientId\":\"p1\"}"), HttpStatus.UNPROCESSABLE_ENTITY);
        assertStatus(request("order-sign", "{\"patientId\":\"p1\",\"draftOrders\":{\"resourceType\":\"Patient\"}}"),
                HttpStatus.UNPROCESSABLE_ENTITY);
        assertStatus(request("order-sign", "{\"patientId\":\"p1\",\"draftOrders\":[1,2]}"),
                HttpStatus.UNPROCESSABLE_ENTITY);
        assertStatus(request("order-sign", "{\"patientId\":42,\"draftOrders\":" + ORDERS + "}"),
                HttpStatus.UNPROCESSABLE_ENTITY);
        assertStatus(request("order-select", context), HttpStatus.UNPROCESSABLE_ENTITY);
    }

    @Test
    void wrongHookForTheServiceIs422() {
        String body = request("order-select", "{\"patientId\":\"p1\",\"draftOrders\":" + ORDERS
                + ",\"selections\":[\"MedicationRequest/mr1\"]}");
        assertThatThrownBy(() -> reader.read(body, "order-sign"))
                .isInstanceOfSatisfying(HookRequestException.class,
                        e -> assertThat(e.status()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY));
    }

    @Test
    void authorizationWithoutServerIs422() {
        String body = "{\"hook\":\"order-sign\",\"hookInstance\":\"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea\","
                + "\"fhirAuthorization\":{\"access_token\":\"t\",\"token_type\":\"Bearer\"},"
                + "\"context\":{\"patientId\":\"p1\",\"draftOrders\":" + ORDERS + "}}";
        assertStatus(body, HttpStatus.UNPROCESSABLE_ENTITY);
    }

    @Test
    void prefetchValuesMustBeResourcesOrNull() {
        String body = "{\"hook\":\"order-sign\",\"hookInstance\":\"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea\","
                + "\"context\":{\"patientId\":\"p1\",\"draftOrders\":" + ORDERS + "},"
                + "\"prefetch\":{\"patient\":\"Patient/p1\"}}";
        assertStatus(body, HttpStatus.UNPROCESSABLE_ENTITY);

        HookRequest withNull = reader.read(body.replace("\"Patient/p1\"", "null"), "order-sign");
        assertThat(withNull.prefetch()).containsKey("patient");
        assertThat(withNull.prefetch().get("patient").isNull()).isTrue();
    }

    @Test
    void unknownExtensionsAreIgnored() {
        String body = "{\"hook\":\"order-sign\",\"hookInstance\":\"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea\","
                + "\"extension\":{\"davinci-crd.configuration\":{\"alt-drug\":true},\"x\":[1]},"
                + "\"context\":{\"patientId\":\"p1\",\"draftOrders\":" + ORDERS + "}}";
        assertThat(reader.read(body, "order-sign").extension().has("x")).isTrue();
    }

    @Test
    void idsThatCouldChangeAQueryAre422() {
        for (String id : new String[] {"p1&_include=*", "../Patient/x", "p1%2Fx", "..", "p1 ", "a".repeat(257)}) {
            String quoted = "\"" + id + "\"";
            assertStatus(request("order-sign", "{\"patientId\":" + quoted + ",\"draftOrders\":" + ORDERS + "}"),
                    HttpStatus.UNPROCESSABLE_ENTITY);
            assertStatus(request("order-sign", "{\"patientId\":\"p1\",\"encounterId\":" + quoted
                    + ",\"draftOrders\":" + ORDERS + "}"), HttpStatus.UNPROCESSABLE_ENTITY);
            assertStatus(request("order-sign", "{\"patientId\":\"p1\",\"userId\":\"Practitioner/" + id
                    + "\",\"draftOrders\":" + ORDERS + "}"), HttpStatus.UNPROCESSABLE_ENTITY);
        }
    }

    @Test
    void trailingContentAndDuplicateKeysAre400() {
        String valid = request("order-sign", "{\"patientId\":\"p1\",\"draftOrders\":" + ORDERS + "}");
        assertStatus(valid + " x", HttpStatus.BAD_REQUEST);
        assertStatus(valid.replaceFirst("\\{", "{\"hook\":\"order-sign\","), HttpStatus.BAD_REQUEST);
    }

    @Test
    void aDraftOrderReadOnlyLenientlyCarriesWhatWasRepaired() {
        for (String broken : new String[] {"\"authoredOn\":\"not-a-date\"", "\"priority\":{\"a\":1}",
                "\"noSuchElement\":1"}) {
            String orders = ORDERS.replace("\"id\":\"mr1\",", "\"id\":\"mr1\"," + broken + ",");
            HookRequest request = reader.read(request("order-sign", "{\"patientId\":\"p1\",\"draftOrders\":" + orders
                    + "}"), "order-sign");

            SentOrders draftOrders = request.context().draftOrders();
            assertThat(draftOrders.orders().get(0).repairs()).as(broken).isNotEmpty();
            // What could not be read is gone, so the repaired order can be copied into suggestions.
            assertThat(draftOrders.orders().get(0).resource().copy()).isNotNull();
            assertThat(draftOrders.problem()).as(broken).isNull();
        }
    }

    @Test
    void realClientsSlightlyInvalidShapesAreReadWithTheirValues() {
        // The CDS Hooks sandbox sends category as one object; the spec's order-select example doseAndRate.
        String orders = ORDERS.replace("\"id\":\"mr1\",", "\"id\":\"mr1\",\"category\":{\"text\":\"Inpatient\"},"
                + "\"dosageInstruction\":[{\"doseAndRate\":{\"doseQuantity\":{\"value\":70,\"unit\":\"mL\"}}}],");
        HookRequest request = reader.read(request("order-sign", "{\"patientId\":\"p1\",\"draftOrders\":" + orders
                + "}"), "order-sign");

        SentOrder sent = request.context().draftOrders().orders().get(0);
        MedicationRequest order = (MedicationRequest) sent.resource();
        assertThat(order.getCategoryFirstRep().getText()).isEqualTo("Inpatient");
        assertThat(order.getDosageInstructionFirstRep().getDoseAndRateFirstRep().getDoseQuantity().getValue())
                .isEqualByComparingTo("70");
        assertThat(sent.repairs()).hasSize(2);
    }

    @Test
    void aNonFhirFieldIsDroppedAndNamed() {
        // The Da Vinci CRD request generator keeps the resolved Medication in the order as _resolvedMedication.
        String orders = ORDERS.replace("\"id\":\"mr1\",", "\"id\":\"mr1\",\"_resolvedMedication\":"
                + "{\"resourceType\":\"Medication\",\"id\":\"m1\"},");
        HookRequest request = reader.read(request("order-sign", "{\"patientId\":\"p1\",\"draftOrders\":" + orders
                + "}"), "order-sign");

        assertThat(request.context().draftOrders().orders().get(0).repairs()).anySatisfy(problem ->
                assertThat(problem).contains("resolvedMedication"));
    }

    @Test
    void aProblemOfTheBundleItselfIsTheOrdersProblem() {
        String orders = ORDERS.replace("\"type\":\"collection\"", "\"type\":\"not-a-type\"");
        HookRequest request = reader.read(request("order-sign", "{\"patientId\":\"p1\",\"draftOrders\":" + orders
                + "}"), "order-sign");

        assertThat(request.context().draftOrders().problem()).isNotNull();
        assertThat(request.context().draftOrders().orders().get(0).repairs()).isEmpty();
    }

    @Test
    void decimalsInPrefetchStayExact() {
        String body = "{\"hook\":\"order-sign\",\"hookInstance\":\"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea\","
                + "\"context\":{\"patientId\":\"p1\",\"draftOrders\":" + ORDERS + "},\"prefetch\":{\"x\":"
                + "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"x\"},"
                + "\"valueQuantity\":{\"value\":1.50}}}}";
        HookRequest request = reader.read(body, "order-sign");

        Observation observation = (Observation) new ResourceTreeParser(FhirContext.forR4Cached())
                .parseRecordResource(request.prefetch().get("x"), "prefetch.x");

        assertThat(observation.getValueQuantity().getValueElement().getValueAsString()).isEqualTo("1.50");
    }

    private void assertStatus(String body, HttpStatus status) {
        assertThatThrownBy(() -> reader.read(body, "order-sign"))
                .isInstanceOfSatisfying(HookRequestException.class, e -> assertThat(e.status()).isEqualTo(status));
    }

    @Test
    void readsAPatientViewWithoutDraftOrders() {
        HookRequest request = reader.read(request("patient-view",
                "{\"userId\":\"Practitioner/u1\",\"patientId\":\"p1\",\"encounterId\":\"e1\"}"), "patient-view");

        assertThat(request.context().patientId()).isEqualTo("p1");
        assertThat(request.context().encounterId()).isEqualTo("e1");
        assertThat(request.context().draftOrders().orders()).isEmpty();
        assertThatThrownBy(() -> reader.read(request("patient-view", "{\"userId\":\"Practitioner/u1\"}"),
                "patient-view")).isInstanceOf(HookRequestException.class).hasMessageContaining("patientId");
    }
}
