package org.genegate.policy;

import java.math.BigDecimal;

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
}
