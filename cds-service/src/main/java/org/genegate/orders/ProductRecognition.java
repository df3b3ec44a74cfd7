package org.genegate.orders;

/**
 * How a draft order was recognised as its product's.
 *
 * @param by            which kind of identifier matched
 * @param system        the code system of the matching coding as sent (null for text, or when it was missing)
 * @param code          the matching code or text
 * @param systemMissing the matching coding had no system; its code can only mean the product (its billing code, or
 *                      a hyphenated NDC of it), and the coding gate asks for the system
 */
public record ProductRecognition(By by, String system, String code, boolean systemMissing) {

    public ProductRecognition(By by, String system, String code) {
        this(by, system, code, false);
    }

    public enum By {
        /** The product's HCPCS billing code (e.g. J1411) under an accepted system URI. */
        HCPCS_BILLING_CODE,
        /** An unclassified HCPCS code (J3490, J3590, C9399) on an order that names the product otherwise. */
        HCPCS_UNCLASSIFIED,
        NDC,
        RXNORM,
        TEXT
    }
}
