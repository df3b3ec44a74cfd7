package org.genegate.server.audit;

/** The AuditEvent search parameters the audit table answers, with the name clients use. */
enum AuditSearchParam {
    PATIENT("patient"),
    ENTITY("entity"),
    ENTITY_NAME("entity-name"),
    AGENT("agent"),
    SUBTYPE("subtype");

    private final String code;

    AuditSearchParam(String code) {
        this.code = code;
    }

    String code() {
        return code;
    }
}
