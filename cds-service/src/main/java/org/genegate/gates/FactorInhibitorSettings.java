package org.genegate.gates;

import java.math.BigDecimal;
import org.genegate.findings.Severity;
import org.genegate.policy.GateSettings;
import org.genegate.policy.PolicyNode;
import org.genegate.policy.Severities;

/**
 * Settings of the {@code factor-inhibitor} kind: a Bethesda inhibitor titer against the patient's clotting factor.
 *
 * @param factor              the factor, as messages name it, e.g. {@code FIX}
 * @param valueSet            the ValueSet of the inhibitor results the gate reads
 * @param orderCode           the LOINC code a retest remedy orders
 * @param retestRule          true where the label says to retest a positive in about 2 weeks and not to give the
 *                            product after two positives (Hemgenix); false where one positive means do not give
 *                            (Roctavian)
 * @param cutOffSource        the payer rule that sets the Bethesda cut-off, named in messages (the labels set none)
 * @param historySeverity     for an earlier positive behind a current negative: a payer criterion, not a label one
 * @param windowDays          the latest negative must be at most this many days old
 * @param positiveThresholdBu a Bethesda titer at or above this is positive
 */
public record FactorInhibitorSettings(boolean enabled, Severities severities, String source, String factor,
                                      String valueSet, String orderCode, boolean retestRule, String cutOffSource,
                                      Severity historySeverity, int windowDays, BigDecimal positiveThresholdBu)
        implements GateSettings {

    public static final String ID = "factor-inhibitor";

    /** Reads a section of the {@code factor-inhibitor} kind. */
    public static FactorInhibitorSettings read(PolicyNode g) {
        g.allowGateKeys("factor", "valueSet", "orderCode", "retestRule", "cutOffSource", "historySeverity",
                "windowDays", "positiveThresholdBu");
        return new FactorInhibitorSettings(g.bool("enabled"), g.severities(), g.text("source"), g.text("factor"),
                g.text("valueSet"), g.text("orderCode"), g.bool("retestRule"), g.text("cutOffSource"),
                g.severity("historySeverity"), g.positiveInt("windowDays"), g.positiveDecimal("positiveThresholdBu"));
    }
}
