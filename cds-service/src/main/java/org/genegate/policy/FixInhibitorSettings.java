package org.genegate.policy;

import java.math.BigDecimal;
import org.genegate.findings.Severity;

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
}
