package org.genegate.findings;

/** CDS Hooks card indicators, in increasing order of urgency. */
public enum Severity {
    NONE,
    INFO,
    WARNING,
    CRITICAL;

    public String indicator() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
