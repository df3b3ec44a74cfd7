package org.genegate.gates;

/** Whether a payer requires prior authorization for J1411, as the payer table says. */
public enum PriorAuthorization {
    YES,
    NO,
    /** Depends on the plan or the contractor: treated as "may be needed". */
    VARIES
}
