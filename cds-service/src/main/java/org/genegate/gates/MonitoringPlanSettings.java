package org.genegate.gates;

import org.genegate.policy.GateSettings;
import org.genegate.policy.PolicyNode;
import org.genegate.policy.Severities;

/** Settings of the {@code monitoring-plan} gate (a post-infusion monitoring CarePlan). */
public record MonitoringPlanSettings(boolean enabled, Severities severities, String source) implements GateSettings {

    public static final String ID = "monitoring-plan";

    @Override
    public String gateId() {
        return ID;
    }

    /** Reads the {@code monitoring-plan} section of the policy. */
    public static MonitoringPlanSettings read(PolicyNode g) {
        g.allowGateKeys();
        return new MonitoringPlanSettings(g.bool("enabled"), g.severities(), g.text("source"));
    }
}
