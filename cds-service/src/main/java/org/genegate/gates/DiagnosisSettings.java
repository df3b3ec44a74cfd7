package org.genegate.gates;

import org.genegate.policy.GateSettings;
import org.genegate.policy.PolicyNode;
import org.genegate.policy.Severities;

/**
 * Settings of the {@code diagnosis} kind: the indication's condition active on the problem list.
 *
 * @param condition how messages name the condition, e.g. {@code hemophilia B}
 * @param valueSet  the ValueSet of its diagnosis codes (e.g. ICD-10-CM D67)
 */
public record DiagnosisSettings(boolean enabled, Severities severities, String source, String condition,
                                String valueSet) implements GateSettings {

    public static final String ID = "diagnosis";

    /** Reads the {@code diagnosis} section of the policy. */
    public static DiagnosisSettings read(PolicyNode g) {
        g.allowGateKeys("condition", "valueSet");
        return new DiagnosisSettings(g.bool("enabled"), g.severities(), g.text("source"), g.text("condition"),
                g.text("valueSet"));
    }
}
