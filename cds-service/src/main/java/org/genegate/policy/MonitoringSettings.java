package org.genegate.policy;

import java.math.BigDecimal;
import java.util.List;
import org.genegate.gates.Severity;

/**
 * The post-infusion section of the policy: the schedule of the monitoring CarePlan and the thresholds of
 * the patient-view service.
 *
 * @param weeklyTestWeeks          weeks of weekly ALT, AST and FIX activity after the infusion
 * @param weeklyGraceDays          days after its week a weekly test still counts; overdue after that
 * @param milestoneMonths          months after the infusion of the outcomes assessments
 * @param milestoneGraceDays       days either side of its date a milestone result counts; overdue after that
 * @param altUlnMultiple           ALT above this multiple of the upper limit of normal raises the ALT card
 * @param altBaselineMultiple      ALT above this multiple of the last pre-infusion ALT raises the ALT card
 * @param fixActivityDropPercent   the latest FIX activity this many percent below the post-dose peak is a fall
 * @param liverCancerRiskConditions ICD-10-CM code prefixes of liver-cancer risk factors (annual liver imaging)
 */
public record MonitoringSettings(String source, int weeklyTestWeeks, int weeklyGraceDays,
                                 List<Integer> milestoneMonths, int milestoneGraceDays, BigDecimal altUlnMultiple,
                                 BigDecimal altBaselineMultiple, BigDecimal fixActivityDropPercent,
                                 List<String> liverCancerRiskConditions, Severity overdueSeverity,
                                 Severity altRiseSeverity, Severity inhibitorSeverity,
                                 Severity fixActivityFallSeverity) {

    public MonitoringSettings {
        milestoneMonths = List.copyOf(milestoneMonths);
        liverCancerRiskConditions = List.copyOf(liverCancerRiskConditions);
    }
}
