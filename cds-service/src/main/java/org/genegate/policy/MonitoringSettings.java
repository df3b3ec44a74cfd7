package org.genegate.policy;

import java.math.BigDecimal;
import java.util.List;
import org.genegate.findings.Severity;

/**
 * The post-infusion section of the policy: the schedule of the monitoring CarePlan and the thresholds of
 * the patient-view service.
 *
 * @param weeklyTestWeeks          weeks of weekly ALT, AST and FIX activity after the infusion
 * @param weeklyGraceDays          days after its week a weekly test still counts; overdue after that
 * @param altAboveBaselineMultiple weekly testing goes on past {@code weeklyTestWeeks} while the latest ALT is above
 *                                 this multiple of the pre-infusion baseline (1: above baseline)
 * @param followUpMonths           months after the infusion of the follow-up ALT, AST and FIX activity after the
 *                                 weekly phase (every 3 months to month 12, every 6 months in year 2, yearly on)
 * @param followUpGraceDays        days either side of its date a follow-up result counts; overdue after that
 * @param milestoneMonths          months of a payer's outcomes-based agreement assessments (a contract's
 *                                 reporting dates, not clinical duties)
 * @param milestoneGraceDays       days either side of its date a milestone result counts
 * @param altUlnMultiple           ALT above this multiple of the upper limit of normal raises the ALT card
 * @param altBaselineMultiple      ALT above this multiple of the last pre-infusion ALT raises the ALT card
 * @param altTriggerSource         whose these two ALT triggers are, for the card (neither is label text)
 * @param fixActivityDropPercent   the latest FIX activity this many percent below the post-dose peak is a fall
 * @param standardHalfLifeWashoutDays days after a dose of a standard half-life FIX product during which a FIX
 *                                 activity result reflects the product, not the gene therapy
 * @param extendedHalfLifeWashoutDays the same for an extended half-life FIX product
 * @param extendedHalfLifeProducts names (case-insensitive, in the medication's text or display) of the extended
 *                                 half-life FIX products; other FIX products take the standard window
 * @param liverCancerRiskConditions ICD-10-CM code prefixes of liver-cancer risk factors
 * @param liverCancerRiskFindings  SNOMED CT conclusion codes of a liver imaging report that are risk factors
 *                                 (cirrhosis, fibrosis found at baseline)
 * @param liverCancerRiskAgeYears  age on the infusion day from which age alone is a liver-cancer risk factor
 * @param liverSurveillanceYears   years of yearly liver ultrasound and alpha-fetoprotein for patients at risk
 * @param liverSurveillanceSource  where the liver surveillance comes from, for the plan's text
 * @param factor                   the clotting factor followed: activity, inhibitor, their codes
 * @param weeklyAst                whether AST is tested weekly beside ALT and factor activity
 * @param afterWeeklyPhase         what the plan says after the weekly phase when no follow-up months are set
 *                                 (the schedule after it is unverified); empty when follow-up months are set
 */
public record MonitoringSettings(String source, int weeklyTestWeeks, int weeklyGraceDays,
                                 BigDecimal altAboveBaselineMultiple, List<Integer> followUpMonths,
                                 int followUpGraceDays, List<Integer> milestoneMonths, int milestoneGraceDays,
                                 BigDecimal altUlnMultiple, BigDecimal altBaselineMultiple, String altTriggerSource,
                                 BigDecimal fixActivityDropPercent, int standardHalfLifeWashoutDays,
                                 int extendedHalfLifeWashoutDays, List<String> extendedHalfLifeProducts,
                                 List<String> liverCancerRiskConditions, List<String> liverCancerRiskFindings,
                                 int liverCancerRiskAgeYears, int liverSurveillanceYears,
                                 String liverSurveillanceSource, FactorMonitoring factor, boolean weeklyAst,
                                 String afterWeeklyPhase, Severity overdueSeverity,
                                 Severity altRiseSeverity, Severity inhibitorSeverity,
                                 Severity fixActivityFallSeverity, Severity outcomesAgreementSeverity) {

    public MonitoringSettings {
        followUpMonths = List.copyOf(followUpMonths);
        milestoneMonths = List.copyOf(milestoneMonths);
        extendedHalfLifeProducts = List.copyOf(extendedHalfLifeProducts);
        liverCancerRiskConditions = List.copyOf(liverCancerRiskConditions);
        liverCancerRiskFindings = List.copyOf(liverCancerRiskFindings);
    }
}
