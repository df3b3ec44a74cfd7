package org.genegate.gates;

import java.math.BigDecimal;
import org.genegate.policy.GateSettings;
import org.genegate.policy.PolicyNode;
import org.genegate.policy.Severities;

/**
 * Settings of the {@code coding} gate.
 *
 * @param infusionRateMlPerHour the label's constant infusion rate, to estimate the infusion time
 * @param addOnThresholdMinutes CPT 96366 may be billed only for an infusion longer than this
 */
public record CodingSettings(boolean enabled, Severities severities, String source,
                             BigDecimal infusionRateMlPerHour, int addOnThresholdMinutes) implements GateSettings {

    public static final String ID = "coding";

    /** Reads the {@code coding} section of the policy. */
    public static CodingSettings read(PolicyNode g) {
        g.allowGateKeys("infusionRateMlPerHour", "addOnThresholdMinutes");
        return new CodingSettings(g.bool("enabled"), g.severities(), g.text("source"),
                g.positiveDecimal("infusionRateMlPerHour"), g.positiveInt("addOnThresholdMinutes"));
    }
}
