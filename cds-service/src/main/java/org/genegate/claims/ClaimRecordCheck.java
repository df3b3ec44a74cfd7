package org.genegate.claims;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.genegate.cards.RemedyLabels;
import org.genegate.findings.GateFinding;
import org.genegate.findings.GateStatus;
import org.genegate.findings.Severity;
import org.genegate.gates.Assessment;
import org.genegate.gates.CodingSettings;
import org.genegate.gates.PayerSettings;
import org.genegate.gates.PriorGeneTherapySettings;
import org.genegate.gates.WeightAndDoseSettings;
import org.genegate.policy.ProductSettings;

/**
 * The record half of the claim check: the clinical denials of the billing sheet (NAb, age, prophylaxis or
 * bleeds, monitoring plan, FIX inhibitor, hepatitis/HIV, site of care, one dose per lifetime) read from the
 * patient's record by the gate engine, judged as of the date of service. Billing codes, dose and payer are the
 * claim's own business ({@link ClaimCheck}).
 */
public final class ClaimRecordCheck {

    /** Gates whose subject is the claim itself or the payer being billed, not the patient's record. */
    private static final Set<String> NOT_FROM_THE_RECORD = Set.of(CodingSettings.ID, WeightAndDoseSettings.ID,
            PayerSettings.ID);

    private ClaimRecordCheck() {
    }

    public static List<ClaimIssue> issues(Assessment assessment, LocalDate serviceDate, ProductSettings product) {
        List<ClaimIssue> issues = new ArrayList<>();
        for (GateFinding finding : assessment.findings()) {
            if (NOT_FROM_THE_RECORD.contains(finding.gateId()) || finding.passed() || isTheBilledDose(finding, serviceDate)
                    || (finding.severity() != Severity.CRITICAL && finding.severity() != Severity.WARNING
                    && finding.status() != GateStatus.COULD_NOT_VERIFY)) {
                continue;
            }
            ClaimIssue.Severity severity = finding.severity() == Severity.CRITICAL ? ClaimIssue.Severity.ERROR
                    : ClaimIssue.Severity.WARNING;
            String fix = finding.remedies().isEmpty()
                    ? "Resolve before submitting: payers deny " + product.billingCode() + " claims on this criterion ("
                    + finding.source() + ")."
                    : finding.remedies().stream().map(RemedyLabels::label).collect(Collectors.joining("; "))
                    + " and resubmit the documentation.";
            issues.add(new ClaimIssue(severity, "business-rule", "Claim.patient",
                    assessment.gates().title(finding.gateId()) + ": " + finding.message(), fix));
        }
        return issues;
    }

    /** The administration billed on this claim is itself "a dose on record"; only earlier ones count. */
    private static boolean isTheBilledDose(GateFinding finding, LocalDate serviceDate) {
        return PriorGeneTherapySettings.ID.equals(finding.gateId()) && finding.status() == GateStatus.FAIL
                && finding.evidence().stream().allMatch(e -> serviceDate.equals(e.date()));
    }
}
