package org.genegate.policy;

import java.math.BigDecimal;

/**
 * Settings of the {@code infections} gate.
 *
 * @param hivRnaMaxCopiesPerMl HIV counts as controlled at or below this viral load
 * @param cd4MinCellsPerUl ... or at or above this CD4 count
 */
public record InfectionsSettings(boolean enabled, Severities severities, String source,
                                 BigDecimal hivRnaMaxCopiesPerMl, BigDecimal cd4MinCellsPerUl) implements GateSettings {

    public static final String ID = "infections";

    @Override
    public String gateId() {
        return ID;
    }
}
