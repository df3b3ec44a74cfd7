package org.genegate.gates;

import org.genegate.policy.GateSettings;
import org.genegate.policy.PolicyNode;
import org.genegate.policy.Severities;

/** Settings of the {@code diagnosis} gate (active hemophilia B on the problem list). */
public record DiagnosisSettings(boolean enabled, Severities severities, String source) implements GateSettings {

    public static final String ID = "diagnosis";

    @Override
    public String gateId() {
        return ID;
    }

    /** Reads the {@code diagnosis} section of the policy. */
    public static DiagnosisSettings read(PolicyNode g) {
        g.allowGateKeys();
        return new DiagnosisSettings(g.bool("enabled"), g.severities(), g.text("source"));
    }
}
