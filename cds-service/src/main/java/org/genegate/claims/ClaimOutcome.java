package org.genegate.claims;

import java.util.List;
import org.genegate.policy.ClaimSettings;
import org.genegate.policy.Policy;
import org.genegate.policy.ProductSettings;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * The claim check's answer: one OperationOutcome issue per problem, its {@code details.text} saying what is
 * wrong and its {@code diagnostics} the fix, {@code expression} pointing into the Claim; a claim with no error or
 * warning starts with a "no problem found" information issue, followed by any notes (e.g. what could not be checked).
 */
public final class ClaimOutcome {

    private ClaimOutcome() {
    }

    public static OperationOutcome of(List<ClaimIssue> issues, Policy policy) {
        ProductSettings product = policy.product();
        ClaimSettings claim = policy.claim();
        OperationOutcome outcome = new OperationOutcome();
        if (issues.stream().allMatch(i -> i.severity() == ClaimIssue.Severity.INFORMATION)) {
            outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                    .setCode(OperationOutcome.IssueType.INFORMATIONAL)
                    .setDetails(new CodeableConcept().setText("No problem found: " + product.billingCode()
                            + (claim.billingUnit() == ClaimSettings.BillingUnit.MILLILITRE
                            ? " x the mL given" + (claim.discardModifiers() ? " with JW or JZ" : "") : " x 1 unit")
                            + " with a " + product.name() + " NDC, lot, administration codes, place of service and diagnoses as payers expect."))
                    .setDiagnostics("Nothing to fix.");
        }
        for (ClaimIssue issue : issues) {
            OperationOutcome.OperationOutcomeIssueComponent component = outcome.addIssue()
                    .setSeverity(switch (issue.severity()) {
                        case ERROR -> OperationOutcome.IssueSeverity.ERROR;
                        case WARNING -> OperationOutcome.IssueSeverity.WARNING;
                        case INFORMATION -> OperationOutcome.IssueSeverity.INFORMATION;
                    })
                    .setCode(OperationOutcome.IssueType.fromCode(issue.code()))
                    .setDetails(new CodeableConcept().setText(issue.problem()))
                    .setDiagnostics("Fix: " + issue.fix());
            if (issue.expression() != null) {
                component.addExpression(issue.expression());
            }
        }
        return outcome;
    }
}
