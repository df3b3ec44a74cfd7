package org.genegate.gates;

import java.math.BigDecimal;
import org.genegate.policy.GateSettings;
import org.genegate.policy.PolicyNode;
import org.genegate.policy.Severities;

/**
 * Settings of the {@code fix-activity} gate (a payer and trial criterion, not label).
 *
 * @param maximumPercent the highest FIX activity, in % of normal (= IU/dL), that passes
 */
public record FixActivitySettings(boolean enabled, Severities severities, String source, BigDecimal maximumPercent)
        implements GateSettings {

    public static final String ID = "fix-activity";

    @Override
    public String gateId() {
        return ID;
    }

    /** Reads the {@code fix-activity} section of the policy. */
    public static FixActivitySettings read(PolicyNode g) {
        g.allowGateKeys("maximumPercent");
        return new FixActivitySettings(g.bool("enabled"), g.severities(), g.text("source"),
                g.positiveDecimal("maximumPercent"));
    }
}
