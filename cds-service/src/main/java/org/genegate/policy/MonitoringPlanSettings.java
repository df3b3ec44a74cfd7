package org.genegate.policy;

/** Settings of the {@code monitoring-plan} gate (a post-infusion monitoring CarePlan). */
public record MonitoringPlanSettings(boolean enabled, Severities severities, String source) implements GateSettings {

    public static final String ID = "monitoring-plan";

    @Override
    public String gateId() {
        return ID;
    }
}
