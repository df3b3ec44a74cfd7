package org.genegate.policy;

import java.util.List;

/**
 * The gene therapy a policy file is for: how cards and messages name it, the code it is billed under and the
 * words that name it in free text. A second gene therapy is a second policy file (with its terminology), not new
 * Java constants.
 *
 * @param name        the brand name cards and messages use, e.g. {@code Hemgenix}
 * @param genericName the nonproprietary name service descriptions give beside the brand, e.g.
 *                    {@code etranacogene dezaparvovec}
 * @param billingCode the HCPCS code the product is billed under, e.g. {@code J1411}
 * @param valueSet    the canonical URL of the ValueSet whose codes (HCPCS, NDC, RxNorm) recognise an order for the
 *                    product under any of the code systems' identifiers
 * @param names       the words that name the product in free text (order text, codings' displays, notes),
 *                    matched case-insensitively, e.g. {@code Hemgenix}, {@code etranacogene}
 */
public record ProductSettings(String name, String genericName, String billingCode, String valueSet,
                              List<String> names) {

    public ProductSettings {
        names = List.copyOf(names);
    }

    /** How a card summary names the product, e.g. "Hemgenix (J1411)". */
    public String label() {
        return name + " (" + billingCode + ")";
    }

    /** How a service description names the product, e.g. "Hemgenix (etranacogene dezaparvovec, HCPCS J1411)". */
    public String fullLabel() {
        return name + " (" + genericName + ", HCPCS " + billingCode + ")";
    }
}
