package org.genegate.server.audit;

import java.time.Instant;
import java.util.List;

/**
 * One AuditEvent as the audit table holds it: the single-valued search values as columns, the multi-valued ones
 * ({@link SearchValue}) as rows of the value table, and the event itself as JSON.
 */
record AuditEventRow(String id, Instant recorded, String typeSystem, String typeCode, String outcome, String source,
                     List<SearchValue> values, String json) {

    /** A value a search parameter matches: {@code system} only for tokens (subtype), null otherwise. */
    record SearchValue(String param, String system, String value) {
    }
}
