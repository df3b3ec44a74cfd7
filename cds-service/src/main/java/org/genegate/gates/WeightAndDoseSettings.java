package org.genegate.gates;

import java.math.BigDecimal;
import org.genegate.policy.GateSettings;
import org.genegate.policy.PolicyNode;
import org.genegate.policy.Severities;

/**
 * Settings of the {@code weight-and-dose} gate.
 *
 * @param windowDays        the body weight must be at most this old
 * @param genomeCopiesPerKg label dose, 2 × 10^13 gc/kg
 * @param millilitresPerKg  the same dose in volume, 2 mL/kg (1 × 10^13 gc/mL)
 * @param vialMillilitres   extractable volume of one vial, for the vial count
 * @param tolerancePercent  how far the ordered dose may be from the weight-based dose
 */
public record WeightAndDoseSettings(boolean enabled, Severities severities, String source, int windowDays,
                                    BigDecimal genomeCopiesPerKg, BigDecimal millilitresPerKg,
                                    BigDecimal vialMillilitres, BigDecimal tolerancePercent)
        implements GateSettings {

    public static final String ID = "weight-and-dose";

    @Override
    public String gateId() {
        return ID;
    }

    /** Reads the {@code weight-and-dose} section of the policy. */
    public static WeightAndDoseSettings read(PolicyNode g) {
        g.allowGateKeys("windowDays", "genomeCopiesPerKg", "millilitresPerKg", "vialMillilitres", "tolerancePercent");
        return new WeightAndDoseSettings(g.bool("enabled"), g.severities(), g.text("source"),
                g.positiveInt("windowDays"), g.positiveDecimal("genomeCopiesPerKg"), g.positiveDecimal("millilitresPerKg"),
                g.positiveDecimal("vialMillilitres"), g.positiveDecimal("tolerancePercent"));
    }
}
