package org.genegate.policy;

/** Settings of the {@code diagnosis} gate (active hemophilia B on the problem list). */
public record DiagnosisSettings(boolean enabled, Severities severities, String source) implements GateSettings {

    public static final String ID = "diagnosis";

    @Override
    public String gateId() {
        return ID;
    }
}
