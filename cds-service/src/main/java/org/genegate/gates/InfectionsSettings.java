package org.genegate.gates;

import java.math.BigDecimal;
import org.genegate.policy.GateSettings;
import org.genegate.policy.PolicyNode;
import org.genegate.policy.Severities;

/**
 * Settings of the {@code infections} gate.
 *
 * @param hivRnaMaxCopiesPerMl HIV counts as controlled at or below this viral load
 * @param cd4MinCellsPerUl ... or at or above this CD4 count
 */
public record InfectionsSettings(boolean enabled, Severities severities, String source,
                                 BigDecimal hivRnaMaxCopiesPerMl, BigDecimal cd4MinCellsPerUl) implements GateSettings {

    public static final String ID = "infections";

    /** Reads the {@code infections} section of the policy. */
    public static InfectionsSettings read(PolicyNode g) {
        g.allowGateKeys("hivRnaMaxCopiesPerMl", "cd4MinCellsPerUl");
        return new InfectionsSettings(g.bool("enabled"), g.severities(), g.text("source"),
                g.positiveDecimal("hivRnaMaxCopiesPerMl"), g.positiveDecimal("cd4MinCellsPerUl"));
    }
}
