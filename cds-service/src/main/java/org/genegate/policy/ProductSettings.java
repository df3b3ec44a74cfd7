package org.genegate.policy;

/**
 * The gene therapy a policy file is for: how cards and messages name it and the code it is billed under. A second
 * gene therapy is a second policy file (with its terminology), not new Java constants.
 *
 * @param name        the brand name cards and messages use, e.g. {@code Hemgenix}
 * @param billingCode the HCPCS code one dose is billed under, e.g. {@code J1411}
 */
public record ProductSettings(String name, String billingCode) {

    /** How a card summary names the product, e.g. "Hemgenix (J1411)". */
    public String label() {
        return name + " (" + billingCode + ")";
    }
}
