package org.genegate.gates;

import org.genegate.policy.GateSettings;
import org.genegate.policy.PolicyNode;
import org.genegate.policy.Severities;

/**
 * Settings of the {@code age} gate (label: adults).
 *
 * @param minimumAgeYears age in whole years on the order date that passes (the birthday itself passes)
 */
public record AgeSettings(boolean enabled, Severities severities, String source, int minimumAgeYears)
        implements GateSettings {

    public static final String ID = "age";

    @Override
    public String gateId() {
        return ID;
    }

    /** Reads the {@code age} section of the policy. */
    public static AgeSettings read(PolicyNode g) {
        g.allowGateKeys("minimumAgeYears");
        return new AgeSettings(g.bool("enabled"), g.severities(), g.text("source"), g.positiveInt("minimumAgeYears"));
    }
}
