package org.genegate.gates;

import org.genegate.policy.GateSettings;
import org.genegate.policy.PolicyNode;
import org.genegate.policy.Severities;

/** Settings of the {@code prescriber} gate (hematology specialty of the requester). */
public record PrescriberSettings(boolean enabled, Severities severities, String source) implements GateSettings {

    public static final String ID = "prescriber";

    /** Reads the {@code prescriber} section of the policy. */
    public static PrescriberSettings read(PolicyNode g) {
        g.allowGateKeys();
        return new PrescriberSettings(g.bool("enabled"), g.severities(), g.text("source"));
    }
}
