package org.genegate.findings;

/** The outcome of one gate. Only {@link #PASS} lets an order through that gate silently. */
public enum GateStatus {
    PASS,
    FAIL,
    MISSING,
    STALE,
    /** The data the gate reads could not be fetched: reported, never treated as a pass. */
    COULD_NOT_VERIFY
}
