package org.genegate.policy;

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
}
