package org.genegate.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.oneOf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.genegate.audit.AuditEventSink;
import org.genegate.security.settings.SecuritySettingsConfig;
import org.hl7.fhir.r4.model.AuditEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The CDS Hooks web layer on its own: the controller, its error handler and the real gate engine behind them, in
 * a Spring MVC slice without the FHIR server (no HAPI JPA, no database). Records come from prefetch only, so the
 * gates that read a part a call lacks could not verify it.
 */
@WebMvcTest(controllers = CdsServicesController.class)
@ContextConfiguration(classes = {CdsServicesController.class, CdsErrorHandler.class, HookConfig.class,
        SecuritySettingsConfig.class, CdsWebLayerTest.Beans.class})
class CdsWebLayerTest {

    private static final String SIGN = "/cds-services/" + CdsServiceCatalog.ORDER_SIGN_ID;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEMGENIX_ORDER = "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":["
            + "{\"resource\":{\"resourceType\":\"MedicationRequest\",\"id\":\"mr1\",\"status\":\"draft\","
            + "\"intent\":\"order\",\"subject\":{\"reference\":\"Patient/p1\"},\"authoredOn\":\"2026-11-20\","
            + "\"requester\":{\"reference\":\"Practitioner/u1\"},"
            + "\"medicationCodeableConcept\":{\"coding\":[{\"system\":"
            + "\"https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets\",\"code\":\"J1411\"}],"
            + "\"text\":\"Hemgenix\"}}}]}";

    /** What the audit trail hands on, kept in memory where the server would store it. */
    @Configuration
    static class Beans {

        @Bean
        FhirContext fhirContext() {
            return FhirContext.forR4Cached();
        }

        @Bean
        RecordedAuditEvents auditEventSink() {
            return new RecordedAuditEvents();
        }
    }

    static final class RecordedAuditEvents implements AuditEventSink {

        final List<AuditEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public void write(AuditEvent event) {
            events.add(event);
        }
    }

    @Autowired
    private MockMvc mvc;

    @Autowired
    private RecordedAuditEvents audit;

    @BeforeEach
    void forget() {
        audit.events.clear();
    }

    @Test
    void discoveryListsTheThreeServicesWithTheirPrefetch() throws Exception {
        mvc.perform(get("/cds-services"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.services[*].id").value(containsInAnyOrder(
                        CdsServiceCatalog.ORDER_SELECT_ID, CdsServiceCatalog.ORDER_SIGN_ID,
                        CdsServiceCatalog.PATIENT_VIEW_ID)))
                .andExpect(jsonPath("$.services[?(@.id == '" + CdsServiceCatalog.ORDER_SIGN_ID + "')].hook")
                        .value("order-sign"))
                .andExpect(jsonPath("$.services[?(@.id == '" + CdsServiceCatalog.ORDER_SIGN_ID
                        + "')].prefetch.patient").exists());
    }

    @Test
    void anOrderSignWithAnEmptyRecordWarnsAndIsAudited() throws Exception {
        JsonNode answer = JSON.readTree(sign(orderSign(allPrefetchNull()).toString())
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());

        // Prefetch says "no data" for every part: the gates say what is missing, none passes silently.
        assertThat(answer.path("cards").findValuesAsText("indicator")).contains("warning");
        assertThat(answer.path("systemActions").isArray()).isTrue();
        assertThat(audit.events).hasSize(1);
    }

    @Test
    void anOrderForAnotherDrugGetsNoCardsButTheSystemActionsField() throws Exception {
        ObjectNode request = orderSign(allPrefetchNull());
        ((ObjectNode) request.get("context")).set("draftOrders", JSON.readTree(HEMGENIX_ORDER
                .replace("J1411", "J3490").replace("Hemgenix", "amoxicillin")));

        sign(request.toString())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.cards").isEmpty())
                .andExpect(jsonPath("$.systemActions").isArray());
    }

    @Test
    void aBodyThatIsNotJsonIs400WithAnOperationOutcome() throws Exception {
        sign("this is not json")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.resourceType").value("OperationOutcome"))
                .andExpect(jsonPath("$.issue[0].code").value("structure"));
    }

    @Test
    void anInvalidHookRequestIs422WithAnOperationOutcome() throws Exception {
        ObjectNode request = orderSign(allPrefetchNull());
        request.put("hookInstance", "not-a-uuid");

        sign(request.toString())
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.resourceType").value("OperationOutcome"))
                .andExpect(jsonPath("$.issue[0].diagnostics").value(containsString("hookInstance")));
    }

    @Test
    void prefetchThatIsNotTheRecordItClaimsIs422() throws Exception {
        ObjectNode prefetch = allPrefetchNull();
        prefetch.set("patient", JSON.readTree("{\"resourceType\":\"Patient\",\"id\":\"someone-else\"}"));

        sign(orderSign(prefetch).toString())
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.resourceType").value("OperationOutcome"))
                .andExpect(jsonPath("$.issue[0].code").value("invalid"));
    }

    @Test
    void aRecordNeitherPrefetchedNorFetchableIsJudgedCouldNotVerifyNeverPassed() throws Exception {
        sign(orderSign(JSON.createObjectNode()).toString())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.cards[0].indicator").value("warning"))
                .andExpect(jsonPath("$.cards[0].summary", containsString("could not verify")))
                .andExpect(jsonPath("$.cards[0].detail", containsString("no FHIR store to read it from")))
                // The record's gates could not verify; site of care is judged from the order alone (it names
                // no encounter).
                .andExpect(jsonPath("$.cards[*].extension['genegate.findings'][*].status",
                        everyItem(oneOf("COULD_NOT_VERIFY", "MISSING"))));
    }

    @Test
    void anUnknownServiceIs404AndAWrongMethod405() throws Exception {
        mvc.perform(post("/cds-services/no-such-service").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.resourceType").value("OperationOutcome"));
        mvc.perform(get(SIGN))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(header().string("Allow", "POST"));
    }

    @Test
    void feedbackIsRecordedAsAnAuditEvent() throws Exception {
        mvc.perform(post(SIGN + "/feedback").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"feedback\":[{\"card\":\"0b0c8f9a-7e36-4a47-9f0c-7d1f4f1b2c11\","
                                + "\"outcome\":\"accepted\",\"acceptedSuggestions\":[{\"id\":"
                                + "\"5f2a1b6e-8a55-4f77-9d1b-3c1f0e2a9b10\"}],"
                                + "\"outcomeTimestamp\":\"2026-11-20T10:15:00Z\"}]}"))
                .andExpect(status().isOk())
                .andExpect(content().json("{}"));

        assertThat(audit.events).hasSize(1);
    }

    @Test
    void feedbackWithDuplicateKeysIs400AndWithoutItems422() throws Exception {
        mvc.perform(post(SIGN + "/feedback").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"feedback\":[],\"feedback\":[]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.resourceType").value("OperationOutcome"));
        mvc.perform(post(SIGN + "/feedback").contentType(MediaType.APPLICATION_JSON).content("{\"feedback\":[]}"))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.resourceType").value("OperationOutcome"));
        assertThat(audit.events).isEmpty();
    }

    private ResultActions sign(String body) throws Exception {
        return mvc.perform(post(SIGN).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    /** Every prefetch key of the order-sign service, as JSON null ("no data"). */
    private ObjectNode allPrefetchNull() throws Exception {
        JsonNode discovery = JSON.readTree(mvc.perform(get("/cds-services")).andReturn().getResponse()
                .getContentAsString());
        ObjectNode prefetch = JSON.createObjectNode();
        for (JsonNode service : discovery.path("services")) {
            if (CdsServiceCatalog.ORDER_SIGN_ID.equals(service.path("id").asText())) {
                service.path("prefetch").fieldNames().forEachRemaining(prefetch::putNull);
            }
        }
        assertThat(prefetch.size()).isGreaterThan(5);
        return prefetch;
    }

    private static ObjectNode orderSign(ObjectNode prefetch) throws Exception {
        ObjectNode request = JSON.createObjectNode();
        request.put("hook", "order-sign");
        request.put("hookInstance", "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea");
        ObjectNode context = request.putObject("context");
        context.put("userId", "Practitioner/u1");
        context.put("patientId", "p1");
        context.set("draftOrders", JSON.readTree(HEMGENIX_ORDER));
        request.set("prefetch", prefetch);
        return request;
    }
}
