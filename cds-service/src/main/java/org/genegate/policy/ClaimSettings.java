package org.genegate.policy;

import java.util.List;

/**
 * The claim-check section of the policy: how the product is billed, which a second product may do differently.
 *
 * @param ndcUnit           the NDC unit qualifier the payer wants on the drug line: {@code UN} (one kit, quantity 1)
 *                          or {@code ML} (the total volume); docs/evidence.md leaves the choice to the payer
 * @param billingUnit       what one unit of the product's HCPCS code is: the whole dose (J1411) or one mL (J1412)
 * @param discardModifiers  single-dose vials: the discarded amount goes on a second line with modifier JW, and the
 *                          drug line carries JZ when nothing was discarded
 * @param unclassifiedCode  how a drug line billed under an unclassified HCPCS code (J3490, J3590, ...) instead of
 *                          the product's own code is reported
 * @param primaryDiagnosis  the ICD-10-CM code the claim's first diagnosis should be, e.g. {@code D67}
 * @param unbilledTests     names of tests that are free and never billed (matched case-insensitively in a line's
 *                          text or codings' displays), e.g. a companion diagnostic the manufacturer pays for
 */
public record ClaimSettings(String source, String ndcUnit, BillingUnit billingUnit, boolean discardModifiers,
                            IssueSeverity unclassifiedCode, String primaryDiagnosis, List<String> unbilledTests) {

    public static final String UNIT_KIT = "UN";
    public static final String UNIT_MILLILITRES = "ML";

    public ClaimSettings {
        unbilledTests = List.copyOf(unbilledTests);
    }

    /** What one billed unit of the product's code stands for. */
    public enum BillingUnit {
        DOSE,
        MILLILITRE
    }

    /** How a billing finding is reported: a denial to predict, or something for the biller to check. */
    public enum IssueSeverity {
        ERROR,
        WARNING
    }
}
