package org.genegate.gates;

import org.genegate.policy.GateSettings;
import org.genegate.policy.PolicyNode;
import org.genegate.policy.Severities;

/** Settings of the {@code prophylaxis-or-bleeds} gate (the label's indication: FIX prophylaxis or bleed history). */
public record ProphylaxisOrBleedsSettings(boolean enabled, Severities severities, String source)
        implements GateSettings {

    public static final String ID = "prophylaxis-or-bleeds";

    /** Reads the {@code prophylaxis-or-bleeds} section of the policy. */
    public static ProphylaxisOrBleedsSettings read(PolicyNode g) {
        g.allowGateKeys();
        return new ProphylaxisOrBleedsSettings(g.bool("enabled"), g.severities(), g.text("source"));
    }
}
