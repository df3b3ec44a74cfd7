package org.genegate.policy;

/** Settings of the {@code prophylaxis-or-bleeds} gate (the label's indication: FIX prophylaxis or bleed history). */
public record ProphylaxisOrBleedsSettings(boolean enabled, Severities severities, String source)
        implements GateSettings {

    public static final String ID = "prophylaxis-or-bleeds";

    @Override
    public String gateId() {
        return ID;
    }
}
