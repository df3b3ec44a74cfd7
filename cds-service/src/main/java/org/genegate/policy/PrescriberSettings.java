package org.genegate.policy;

/** Settings of the {@code prescriber} gate (hematology specialty of the requester). */
public record PrescriberSettings(boolean enabled, Severities severities, String source) implements GateSettings {

    public static final String ID = "prescriber";

    @Override
    public String gateId() {
        return ID;
    }
}
