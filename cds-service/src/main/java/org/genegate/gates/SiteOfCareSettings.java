package org.genegate.gates;

import org.genegate.policy.GateSettings;
import org.genegate.policy.PolicyNode;
import org.genegate.policy.Severities;

/** Settings of the {@code site-of-care} gate (certified or network center, POS 19, 21, 22). */
public record SiteOfCareSettings(boolean enabled, Severities severities, String source) implements GateSettings {

    public static final String ID = "site-of-care";

    /** Reads the {@code site-of-care} section of the policy. */
    public static SiteOfCareSettings read(PolicyNode g) {
        g.allowGateKeys();
        return new SiteOfCareSettings(g.bool("enabled"), g.severities(), g.text("source"));
    }
}
