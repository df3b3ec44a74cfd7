package org.genegate.audit;

import org.hl7.fhir.r4.model.AuditEvent;

/** Where AuditEvents go; the server stores them in its own FHIR store. Must not block the caller for long. */
public interface AuditEventSink {

    void write(AuditEvent event);
}
