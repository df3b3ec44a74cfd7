package org.genegate.gates;

import org.genegate.policy.GateSettings;
import org.genegate.policy.PolicyNode;
import org.genegate.policy.Severities;

/**
 * Settings of the {@code monitoring-plan} gate (a post-infusion monitoring CarePlan).
 *
 * @param plan what the product's plan holds, for the message and the suggestion, e.g. "weekly ALT and FIX activity
 *             for 12 weeks ..."
 */
public record MonitoringPlanSettings(boolean enabled, Severities severities, String source, String plan)
        implements GateSettings {

    public static final String ID = "monitoring-plan";

    /** Reads the {@code monitoring-plan} section of the policy. */
    public static MonitoringPlanSettings read(PolicyNode g) {
        g.allowGateKeys("plan");
        return new MonitoringPlanSettings(g.bool("enabled"), g.severities(), g.text("source"), g.text("plan"));
    }
}
