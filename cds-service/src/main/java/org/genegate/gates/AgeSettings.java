package org.genegate.gates;

import org.genegate.policy.GateSettings;
import org.genegate.policy.PolicyNode;
import org.genegate.policy.Severities;

/**
 * Settings of the {@code age} gate (label: adults).
 *
 * @param minimumAgeYears age in whole years on the order date that passes (the birthday itself passes)
 * @param underAgeNote    what a younger patient stays on, ending the message, e.g. "pediatric patients stay on FIX
 *                        prophylaxis"
 */
public record AgeSettings(boolean enabled, Severities severities, String source, int minimumAgeYears,
                          String underAgeNote)
        implements GateSettings {

    public static final String ID = "age";

    /** Reads the {@code age} section of the policy. */
    public static AgeSettings read(PolicyNode g) {
        g.allowGateKeys("minimumAgeYears", "underAgeNote");
        return new AgeSettings(g.bool("enabled"), g.severities(), g.text("source"), g.positiveInt("minimumAgeYears"),
                g.text("underAgeNote"));
    }
}
