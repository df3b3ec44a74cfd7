package org.genegate.gates;

import java.math.BigDecimal;
import org.genegate.findings.Severity;
import org.genegate.policy.GateSettings;
import org.genegate.policy.PolicyNode;
import org.genegate.policy.Severities;

/**
 * Settings of the {@code fix-inhibitor} gate.
 *
 * @param historySeverity for an earlier positive behind a current negative: a payer criterion (Aetna), not a label one
 * @param windowDays the latest negative must be at most this many days old
 * @param positiveThresholdBu a Bethesda titer at or above this is positive
 */
public record FixInhibitorSettings(boolean enabled, Severities severities, String source, Severity historySeverity,
                                   int windowDays, BigDecimal positiveThresholdBu) implements GateSettings {

    public static final String ID = "fix-inhibitor";

    @Override
    public String gateId() {
        return ID;
    }

    /** Reads the {@code fix-inhibitor} section of the policy. */
    public static FixInhibitorSettings read(PolicyNode g) {
        g.allowGateKeys("historySeverity", "windowDays", "positiveThresholdBu");
        return new FixInhibitorSettings(g.bool("enabled"), g.severities(), g.text("source"),
                g.severity("historySeverity"), g.positiveInt("windowDays"), g.positiveDecimal("positiveThresholdBu"));
    }
}
