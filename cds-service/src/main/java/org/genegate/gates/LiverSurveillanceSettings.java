package org.genegate.gates;

import org.genegate.policy.GateSettings;
import org.genegate.policy.PolicyNode;
import org.genegate.policy.Severities;

/**
 * Settings of the {@code liver-surveillance} gate. It has no parameters of its own: the risk factors and the years
 * of surveillance are the monitoring section's, so the order and the post-infusion plan read the same lists.
 */
public record LiverSurveillanceSettings(boolean enabled, Severities severities, String source)
        implements GateSettings {

    public static final String ID = "liver-surveillance";

    /** Reads the {@code liver-surveillance} section of the policy. */
    public static LiverSurveillanceSettings read(PolicyNode g) {
        g.allowGateKeys();
        return new LiverSurveillanceSettings(g.bool("enabled"), g.severities(), g.text("source"));
    }
}
