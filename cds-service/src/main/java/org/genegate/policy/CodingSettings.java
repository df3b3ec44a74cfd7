package org.genegate.policy;

import java.math.BigDecimal;

/**
 * Settings of the {@code coding} gate.
 *
 * @param infusionRateMlPerHour the label's constant infusion rate, to estimate the infusion time
 * @param addOnThresholdMinutes CPT 96366 may be billed only for an infusion longer than this
 */
public record CodingSettings(boolean enabled, Severities severities, String source,
                             BigDecimal infusionRateMlPerHour, int addOnThresholdMinutes) implements GateSettings {

    public static final String ID = "coding";

    @Override
    public String gateId() {
        return ID;
    }
}
