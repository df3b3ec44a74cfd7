package org.genegate.server.security;

import ca.uhn.fhir.storage.interceptor.balp.BalpConstants;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.AuditEvent;

/** The entities of an IHE Basic Audit Log Patterns (BALP) AuditEvent: the data, the query, the patient. */
final class BalpEntities {

    private BalpEntities() {
    }

    /** The resource read or written, by reference. */
    static AuditEvent.AuditEventEntityComponent data(AuditEvent event, String resourceId) {
        AuditEvent.AuditEventEntityComponent data = systemObject(event);
        data.getRole().setSystem(BalpConstants.CS_OBJECT_ROLE).setCode(BalpConstants.CS_OBJECT_ROLE_4_DOMAIN_RESOURCE)
                .setDisplay(BalpConstants.CS_OBJECT_ROLE_4_DOMAIN_RESOURCE_DISPLAY);
        data.getWhat().setReference(resourceId);
        return data;
    }

    /** The query as asked: a description a person reads and the query itself. */
    static AuditEvent.AuditEventEntityComponent query(AuditEvent event, String description, String query) {
        AuditEvent.AuditEventEntityComponent entity = systemObject(event);
        entity.getRole().setSystem(BalpConstants.CS_OBJECT_ROLE).setCode(BalpConstants.CS_OBJECT_ROLE_24_QUERY)
                .setDisplay("Query");
        entity.setDescription(description);
        entity.setQuery(query.getBytes(StandardCharsets.UTF_8));
        return entity;
    }

    /** The patient whose data it is, by reference. */
    static AuditEvent.AuditEventEntityComponent patient(AuditEvent event, String patientReference) {
        AuditEvent.AuditEventEntityComponent patient = event.addEntity();
        patient.getType().setSystem(BalpConstants.CS_AUDIT_ENTITY_TYPE)
                .setCode(BalpConstants.CS_AUDIT_ENTITY_TYPE_1_PERSON)
                .setDisplay(BalpConstants.CS_AUDIT_ENTITY_TYPE_1_PERSON_DISPLAY);
        patient.getRole().setSystem(BalpConstants.CS_OBJECT_ROLE).setCode(BalpConstants.CS_OBJECT_ROLE_1_PATIENT)
                .setDisplay(BalpConstants.CS_OBJECT_ROLE_1_PATIENT_DISPLAY);
        patient.getWhat().setReference(patientReference);
        return patient;
    }

    private static AuditEvent.AuditEventEntityComponent systemObject(AuditEvent event) {
        AuditEvent.AuditEventEntityComponent entity = event.addEntity();
        entity.getType().setSystem(BalpConstants.CS_AUDIT_ENTITY_TYPE)
                .setCode(BalpConstants.CS_AUDIT_ENTITY_TYPE_2_SYSTEM_OBJECT)
                .setDisplay(BalpConstants.CS_AUDIT_ENTITY_TYPE_2_SYSTEM_OBJECT_DISPLAY);
        return entity;
    }
}
