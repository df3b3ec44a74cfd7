package org.genegate.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.genegate.server.AbstractServerIT;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * AuditEvent on {@code /fhir} answered from the audit table: create, read, each supported search, date prefixes,
 * newest first, paging, and a 400 for what it does not support.
 */
class AuditEventSearchIT extends AbstractServerIT {

    private static final String SUBTYPES = "http://hl7.org/fhir/restful-interaction";

    private String run;
    private String types;
    private String first;
    private String second;
    private String third;

    /** Three events of a run of their own, a day apart: 10, 11 and 12 January 2026 at 10:00 UTC. */
    @BeforeEach
    void storeThreeEvents() {
        run = UUID.randomUUID().toString();
        types = "urn:test:" + run;
        AuditEvent read = event("2026-01-10T10:00:00Z", "read", AuditEvent.AuditEventOutcome._0, "card-" + run + "-1");
        read.addEntity().setWhat(new Reference("Patient/p-" + run));
        read.addAgent().setRequestor(true).setWho(new Reference().setIdentifier(new Identifier()
                .setSystem("https://auth.example.org").setValue("user-" + run)));
        read.getSource().setObserver(new Reference("Device/source-" + run));
        AuditEvent search = event("2026-01-11T10:00:00Z", "search-type", AuditEvent.AuditEventOutcome._4,
                "card-" + run + "-2");
        search.addEntity().setWhat(new Reference("https://ehr.example.org/fhir/Patient/p-" + run));
        AuditEvent other = event("2026-01-12T10:00:00Z", "read", AuditEvent.AuditEventOutcome._0, "Card-" + run + "-3");
        first = create(read);
        second = create(search);
        third = create(other);
    }

    @Test
    void createdEventsAreReadBackUnderTheirNewIds() {
        HttpResponse<String> response = fhirGet("AuditEvent/" + first);
        assertThat(response.statusCode()).isEqualTo(200);
        AuditEvent read = parse(AuditEvent.class, response);
        assertThat(read.getIdElement().getIdPart()).isEqualTo(first);
        assertThat(read.getRecorded()).isEqualTo(Date.from(Instant.parse("2026-01-10T10:00:00Z")));
        assertThat(read.getSource().getObserver().getReference()).isEqualTo("Device/source-" + run);
        assertThat(UUID.fromString(first)).isNotNull();
        assertThat(fhirGet("AuditEvent/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
    }

    @Test
    void eachSupportedSearchFindsItsEvents() {
        assertThat(ids("patient=Patient/p-" + run)).containsExactly(first);
        assertThat(ids("patient=p-" + run)).containsExactly(first);
        assertThat(ids("patient=https://ehr.example.org/fhir/Patient/p-" + run)).containsExactly(second);
        assertThat(ids("entity=Patient/p-" + run)).containsExactly(first);
        assertThat(ids("entity-name:exact=card-" + run + "-1")).containsExactly(first);
        assertThat(ids("entity-name:exact=CARD-" + run + "-1")).isEmpty();
        assertThat(ids("entity-name=card-" + run)).containsExactly(third, second, first);
        assertThat(ids("entity-name:contains=" + run.substring(4, 20))).containsExactly(third, second, first);
        assertThat(ids("agent=user-" + run)).containsExactly(first);
        assertThat(ids("source=Device/source-" + run)).containsExactly(first);
        assertThat(ids("type=" + types + "|rest")).containsExactly(third, second, first);
        assertThat(ids("type=rest&subtype=" + SUBTYPES + "|search-type&entity-name=card-" + run))
                .containsExactly(second);
        assertThat(ids("type=" + types + "|rest&subtype=read,search-type")).containsExactly(third, second, first);
        assertThat(ids("type=" + types + "|rest&outcome=4")).containsExactly(second);
        assertThat(ids("_id=" + first + "," + third)).containsExactly(third, first);
    }

    @Test
    void datesTakeThePrefixesAndRanges() {
        String ours = "type=" + types + "|rest&";
        assertThat(ids(ours + "date=2026-01-11")).containsExactly(second);
        assertThat(ids(ours + "date=eq2026-01-11")).containsExactly(second);
        assertThat(ids(ours + "date=ge2026-01-11")).containsExactly(third, second);
        assertThat(ids(ours + "date=gt2026-01-11")).containsExactly(third);
        assertThat(ids(ours + "date=lt2026-01-11")).containsExactly(first);
        assertThat(ids(ours + "date=le2026-01-11")).containsExactly(second, first);
        assertThat(ids(ours + "date=ge2026-01-10T12:00:00Z&date=le2026-01-12T09:00:00Z")).containsExactly(second);
    }

    @Test
    void newestFirstUnlessSortedByDateAndPagedWithCount() {
        String ours = "type=" + types + "|rest";
        assertThat(ids(ours + "&_sort=-date")).containsExactly(third, second, first);
        assertThat(ids(ours + "&_sort=date")).containsExactly(first, second, third);

        Bundle page = search(ours + "&_count=2");
        assertThat(page.getTotal()).isEqualTo(3);
        assertThat(entryIds(page)).containsExactly(third, second);
        assertThat(page.getLink(Bundle.LINK_NEXT)).isNotNull();
        Bundle next = parse(Bundle.class, fhirGetUrl(page.getLink(Bundle.LINK_NEXT).getUrl()));
        assertThat(entryIds(next)).containsExactly(first);
        assertThat(next.getLink(Bundle.LINK_PREV)).isNotNull();
        assertThat(search(ours + "&_count=0").getTotal()).isEqualTo(3);
    }

    @Test
    void unsupportedSearchesAreA400WithAnOperationOutcome() {
        for (String query : List.of("action=R", "entity-type=2", "patient.name=x", "_sort=outcome",
                "type:not=rest", "date=soon")) {
            HttpResponse<String> response = fhirGet("AuditEvent?" + query);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(parse(OperationOutcome.class, response).getIssueFirstRep().getDiagnostics()).as(query)
                    .isNotBlank();
        }
    }

    @Test
    void theCapabilityStatementListsExactlyTheSupportedSearches() {
        CapabilityStatement capabilities = parse(CapabilityStatement.class, fhirGet("metadata"));
        CapabilityStatement.CapabilityStatementRestResourceComponent auditEvent = capabilities.getRestFirstRep()
                .getResource().stream().filter(resource -> "AuditEvent".equals(resource.getType())).findFirst()
                .orElseThrow();
        assertThat(auditEvent.getSearchParam()).extracting(param -> param.getName())
                .containsExactlyInAnyOrderElementsOf(AuditEventResourceProvider.SEARCH_PARAM_NAMES);
        assertThat(auditEvent.getInteraction()).extracting(interaction -> interaction.getCode().toCode())
                .containsExactlyInAnyOrder("read", "create", "search-type");
    }

    private AuditEvent event(String recorded, String subtype, AuditEvent.AuditEventOutcome outcome, String name) {
        AuditEvent event = new AuditEvent()
                .setType(new Coding(types, "rest", null))
                .setAction(AuditEvent.AuditEventAction.R)
                .setRecorded(Date.from(Instant.parse(recorded)))
                .setOutcome(outcome);
        event.addSubtype(new Coding(SUBTYPES, subtype, null));
        event.addEntity().setName(name);
        return event;
    }

    private String create(AuditEvent event) {
        HttpResponse<String> response = fhirPost("AuditEvent",
                fhirContext.newJsonParser().encodeResourceToString(event));
        assertThat(response.statusCode()).isEqualTo(201);
        String location = response.headers().firstValue("Location").orElseThrow();
        return location.replaceAll(".*/AuditEvent/([^/]+).*", "$1");
    }

    private Bundle search(String query) {
        HttpResponse<String> response = fhirGet("AuditEvent?" + query);
        assertThat(response.statusCode()).as(query + ": " + response.body()).isEqualTo(200);
        return parse(Bundle.class, response);
    }

    private List<String> ids(String query) {
        return entryIds(search(query + "&_count=50"));
    }

    private static List<String> entryIds(Bundle bundle) {
        return bundle.getEntry().stream().map(entry -> entry.getResource().getIdElement().getIdPart()).toList();
    }
}
