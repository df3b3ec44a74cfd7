package org.genegate.audit;

import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Reference;

/**
 * The fallback when a FHIR store refuses an AuditEvent because it does not hold a resource the event refers to (a
 * patient only prefetched by the EHR; HAPI refuses such references by default): the audit is kept, naming those
 * resources by identifier and display alone.
 */
public final class LocalReferences {

    private LocalReferences() {
    }

    /**
     * Removes the reference strings that point into the store ("Patient/123") from the event's entities, leaving
     * their identifier and display; false when there was none to remove.
     */
    public static boolean drop(AuditEvent event) {
        boolean dropped = false;
        for (AuditEvent.AuditEventEntityComponent entity : event.getEntity()) {
            Reference what = entity.getWhat();
            if (what.hasReference() && !what.getReference().contains("://") && what.hasIdentifier()) {
                what.setReference(null);
                dropped = true;
            }
        }
        return dropped;
    }
}
