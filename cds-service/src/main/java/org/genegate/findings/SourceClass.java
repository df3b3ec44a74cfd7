package org.genegate.findings;

/**
 * The kind of source a finding's rule comes from. Cards name it next to every finding so that a clinician
 * can weigh a label contraindication differently from a payer's prior-authorization criterion.
 */
public enum SourceClass {
    LABEL("US label"),
    SMPC("EU SmPC"),
    PAYER("payer policy"),
    TRIAL("trial criterion"),
    BILLING_SHEET("billing sheet"),
    CODE_SET("HCPCS/CPT code set"),
    TEAM_DEFAULT("team default");

    private final String text;

    SourceClass(String text) {
        this.text = text;
    }

    /** How a card names the class, e.g. "payer policy". */
    public String text() {
        return text;
    }

    /** Whether the class is regulatory product information (US label or EU SmPC). */
    public boolean regulatory() {
        return this == LABEL || this == SMPC;
    }
}
