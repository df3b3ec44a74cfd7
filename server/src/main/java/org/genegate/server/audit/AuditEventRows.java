package org.genegate.server.audit;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.genegate.audit.AuditEventJson;
import org.genegate.server.audit.AuditEventRow.SearchValue;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;

/**
 * Turns an AuditEvent into its table row: a fresh UUID as id (unique across nodes sharing a database, whatever id
 * a client sent), the values the supported searches match, and the JSON served back.
 *
 * <p>A reference parameter (patient, entity, agent, source) matches the reference as recorded, relative or
 * absolute, and also the identifier value: BALP names the app and the user, and the hook trail its cards and hook
 * instance, by identifier alone.
 */
final class AuditEventRows {

    /** Longest value a search column holds; a longer one is cut (and then found by no exact search). */
    static final int MAX_VALUE = 500;

    private final AuditEventJson json;
    private final Clock clock;

    AuditEventRows(FhirContext fhirContext, Clock clock) {
        this.json = new AuditEventJson(fhirContext);
        this.clock = clock;
    }

    AuditEventRow of(AuditEvent event) {
        String id = UUID.randomUUID().toString();
        Date now = Date.from(clock.instant());
        event.setId(new IdType("AuditEvent", id, "1"));
        event.getMeta().setLastUpdated(now);
        if (!event.hasRecorded()) {
            event.setRecorded(now);
        }
        Set<SearchValue> values = new LinkedHashSet<>();
        for (AuditEvent.AuditEventAgentComponent agent : event.getAgent()) {
            addReference(values, AuditSearchParam.AGENT, agent.getWho());
            addPatient(values, agent.getWho());
        }
        for (AuditEvent.AuditEventEntityComponent entity : event.getEntity()) {
            addReference(values, AuditSearchParam.ENTITY, entity.getWhat());
            addPatient(values, entity.getWhat());
            add(values, AuditSearchParam.ENTITY_NAME, null, entity.getName());
        }
        for (Coding subtype : event.getSubtype()) {
            add(values, AuditSearchParam.SUBTYPE, subtype.getSystem(), subtype.getCode());
        }
        Reference observer = event.getSource().getObserver();
        String source = observer.hasReference() ? observer.getReference() : observer.getIdentifier().getValue();
        return new AuditEventRow(id, event.getRecorded().toInstant(), clip(event.getType().getSystem()),
                clip(event.getType().getCode()), event.hasOutcome() ? event.getOutcome().toCode() : null,
                clip(source), List.copyOf(values), json.encode(event));
    }

    private static void addReference(Set<SearchValue> values, AuditSearchParam param, Reference reference) {
        add(values, param, null, reference.getReference());
        add(values, param, null, reference.getIdentifier().getValue());
    }

    private static void addPatient(Set<SearchValue> values, Reference reference) {
        if (!reference.hasReference()) {
            return;
        }
        IdType target = new IdType(reference.getReference());
        if ("Patient".equals(target.getResourceType())) {
            // A patient search names the patient, not one version of its record.
            add(values, AuditSearchParam.PATIENT, null, target.toVersionless().getValue());
        }
    }

    private static void add(Set<SearchValue> values, AuditSearchParam param, String system, String value) {
        if (value != null && !value.isBlank()) {
            values.add(new SearchValue(param.code(), clip(system), clip(value)));
        }
    }

    static String clip(String value) {
        return value == null || value.length() <= MAX_VALUE ? value : value.substring(0, MAX_VALUE);
    }

}
