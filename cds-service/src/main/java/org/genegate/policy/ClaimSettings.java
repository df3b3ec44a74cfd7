package org.genegate.policy;

/**
 * The claim-check section of the policy.
 *
 * @param ndcUnit the NDC unit qualifier the payer wants on the Hemgenix line: {@code UN} (one kit, quantity 1)
 *                or {@code ML} (the total volume); docs/evidence.md leaves the choice to the payer
 */
public record ClaimSettings(String source, String ndcUnit) {

    public static final String UNIT_KIT = "UN";
    public static final String UNIT_MILLILITRES = "ML";
}
