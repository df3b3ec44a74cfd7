package org.genegate.claims;

/**
 * One problem on a J1411 claim and how to fix it.
 *
 * @param severity   error (the payer will deny or reject), warning (check before sending) or information
 * @param code       what kind of problem, as a FHIR issue-type code (e.g. {@code code-invalid}, {@code required})
 * @param expression where on the Claim, as FHIRPath (e.g. {@code Claim.item[0].quantity}); null for the claim
 * @param problem    what is wrong
 * @param fix        what to do about it
 */
public record ClaimIssue(Severity severity, String code, String expression, String problem, String fix) {

    public enum Severity {
        ERROR,
        WARNING,
        INFORMATION
    }

    static ClaimIssue error(String code, String expression, String problem, String fix) {
        return new ClaimIssue(Severity.ERROR, code, expression, problem, fix);
    }

    static ClaimIssue warning(String code, String expression, String problem, String fix) {
        return new ClaimIssue(Severity.WARNING, code, expression, problem, fix);
    }
}
