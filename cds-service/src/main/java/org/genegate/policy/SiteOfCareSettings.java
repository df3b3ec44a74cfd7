package org.genegate.policy;

/** Settings of the {@code site-of-care} gate (certified or network center, POS 19, 21, 22). */
public record SiteOfCareSettings(boolean enabled, Severities severities, String source) implements GateSettings {

    public static final String ID = "site-of-care";

    @Override
    public String gateId() {
        return ID;
    }
}
