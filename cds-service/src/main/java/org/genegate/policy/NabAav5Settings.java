package org.genegate.policy;

import java.math.BigDecimal;

/**
 * Settings of the {@code nab-aav5} gate.
 *
 * @param windowDays the latest titer must be at most this many days old
 * @param titerThreshold a titer 1:N with N at or above this fails
 */
public record NabAav5Settings(boolean enabled, Severities severities, String source, int windowDays,
                              BigDecimal titerThreshold) implements GateSettings {

    public static final String ID = "nab-aav5";

    @Override
    public String gateId() {
        return ID;
    }
}
