package org.genegate.gates;

import java.math.BigDecimal;
import org.genegate.policy.GateSettings;
import org.genegate.policy.PolicyNode;
import org.genegate.policy.Severities;

/**
 * Settings of the {@code weight-and-dose} gate.
 *
 * @param windowDays        the body weight must be at most this old
 * @param doseUnit          the label's unit of vector genomes: {@code gc} (Hemgenix) or {@code vg} (Roctavian);
 *                          each product keeps its own, nothing converts between them
 * @param dosePerKg         label dose per kg in that unit, e.g. 2 × 10^13 gc/kg
 * @param millilitresPerKg  the same dose in volume, e.g. 2 mL/kg (1 × 10^13 gc/mL)
 * @param vialMillilitres   extractable volume of one vial, for the vial count
 * @param tolerancePercent  how far the ordered dose may be from the weight-based dose
 */
public record WeightAndDoseSettings(boolean enabled, Severities severities, String source, int windowDays,
                                    String doseUnit, BigDecimal dosePerKg, BigDecimal millilitresPerKg,
                                    BigDecimal vialMillilitres, BigDecimal tolerancePercent)
        implements GateSettings {

    public static final String ID = "weight-and-dose";

    /** Reads the {@code weight-and-dose} section of the policy. */
    public static WeightAndDoseSettings read(PolicyNode g) {
        g.allowGateKeys("windowDays", "doseUnit", "dosePerKg", "millilitresPerKg", "vialMillilitres",
                "tolerancePercent");
        String unit = g.text("doseUnit");
        if (!unit.equals("gc") && !unit.equals("vg")) {
            throw g.error("doseUnit", "'" + unit + "' is not one of gc, vg");
        }
        return new WeightAndDoseSettings(g.bool("enabled"), g.severities(), g.text("source"),
                g.positiveInt("windowDays"), unit, g.positiveDecimal("dosePerKg"), g.positiveDecimal("millilitresPerKg"),
                g.positiveDecimal("vialMillilitres"), g.positiveDecimal("tolerancePercent"));
    }
}
