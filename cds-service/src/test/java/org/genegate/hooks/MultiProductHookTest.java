package org.genegate.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.genegate.audit.AuditEventSink;
import org.genegate.security.settings.SecuritySettingsConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The shipped Hemgenix and Roctavian policies behind the real CDS Hooks layer: each order's cards name its own
 * product, and a request with both orders gets both products' cards.
 */
@WebMvcTest(controllers = CdsServicesController.class)
@ContextConfiguration(classes = {CdsServicesController.class, CdsErrorHandler.class, HookConfig.class,
        SecuritySettingsConfig.class, MultiProductHookTest.Beans.class})
class MultiProductHookTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SIGN = "/cds-services/" + CdsServiceCatalog.ORDER_SIGN_ID;

    @Configuration
    static class Beans {

        @Bean
        FhirContext fhirContext() {
            return FhirContext.forR4Cached();
        }

        @Bean
        AuditEventSink auditEventSink() {
            return event -> { };
        }
    }

    @Autowired
    private MockMvc mvc;

    private static ObjectNode order(String id, String code, String text) {
        ObjectNode order = JSON.createObjectNode();
        order.put("resourceType", "MedicationRequest");
        order.put("id", id);
        order.put("status", "draft");
        order.put("intent", "order");
        order.putObject("subject").put("reference", "Patient/p1");
        order.put("authoredOn", "2026-11-20");
        ObjectNode medication = order.putObject("medicationCodeableConcept");
        medication.putArray("coding").addObject()
                .put("system", "https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets").put("code", code);
        medication.put("text", text);
        return order;
    }

    private static ObjectNode roctavian() {
        return order("roctavian-order", "J1412", "Roctavian (valoctocogene roxaparvovec-rvox)");
    }

    private static ObjectNode hemgenix() {
        return order("hemgenix-order", "J1411", "Hemgenix");
    }

    /** An order-sign call whose prefetch says "no data" for every part, so every gate says what it lacks. */
    private JsonNode sign(ObjectNode... orders) throws Exception {
        JsonNode discovery = JSON.readTree(mvc.perform(get("/cds-services")).andReturn().getResponse()
                .getContentAsString());
        ObjectNode prefetch = JSON.createObjectNode();
        for (JsonNode service : discovery.path("services")) {
            if (CdsServiceCatalog.ORDER_SIGN_ID.equals(service.path("id").asText())) {
                service.path("prefetch").fieldNames().forEachRemaining(prefetch::putNull);
            }
        }
        ObjectNode request = JSON.createObjectNode();
        request.put("hook", "order-sign");
        request.put("hookInstance", "0c8e2f53-6a34-4c9f-9b5e-0d6f3d0f1a11");
        ObjectNode context = request.putObject("context");
        context.put("userId", "Practitioner/u1");
        context.put("patientId", "p1");
        ObjectNode bundle = context.putObject("draftOrders");
        bundle.put("resourceType", "Bundle");
        bundle.put("type", "collection");
        ArrayNode entries = bundle.putArray("entry");
        for (ObjectNode order : orders) {
            entries.addObject().set("resource", order);
        }
        request.set("prefetch", prefetch);
        return JSON.readTree(mvc.perform(post(SIGN).contentType(MediaType.APPLICATION_JSON)
                .content(request.toString())).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString());
    }

    private static List<String> summaries(JsonNode answer) {
        List<String> summaries = new ArrayList<>();
        answer.path("cards").forEach(card -> summaries.add(card.path("summary").asText()));
        return summaries;
    }

    @Test
    void aRoctavianOrderGetsRoctavianCardsAndNoHemgenixCard() throws Exception {
        JsonNode answer = sign(roctavian());

        assertThat(summaries(answer)).isNotEmpty().allSatisfy(s -> assertThat(s).startsWith("Roctavian (J1412)"));
        assertThat(answer.path("cards").toString()).doesNotContain("Hemgenix").doesNotContain("J1411");
        // The label requires a negative AAV5 antibody test: with none on record the card is critical.
        assertThat(answer.findValuesAsText("gate")).contains("aav5-total-antibody", "fviii-activity")
                .doesNotContain("fix-activity", "nab-aav5");
    }

    @Test
    void aRequestWithBothProductsGetsEachProductsCards() throws Exception {
        JsonNode answer = sign(hemgenix(), roctavian());

        assertThat(summaries(answer)).anySatisfy(s -> assertThat(s).startsWith("Hemgenix (J1411)"))
                .anySatisfy(s -> assertThat(s).startsWith("Roctavian (J1412)"));
        assertThat(answer.findValuesAsText("gate")).contains("fix-activity", "fviii-activity");
    }

    @Test
    void discoveryNamesBothProducts() throws Exception {
        JsonNode discovery = JSON.readTree(mvc.perform(get("/cds-services")).andReturn().getResponse()
                .getContentAsString());

        assertThat(discovery.path("services").toString()).contains("Hemgenix (J1411) and Roctavian (J1412)",
                "valoctocogene roxaparvovec");
    }
}
