package org.genegate.orders;

/**
 * How a draft order was recognised as Hemgenix.
 *
 * @param by            which kind of identifier matched
 * @param system        the code system of the matching coding as sent (null for text, or when it was missing)
 * @param code          the matching code or text
 * @param systemMissing the matching coding had no system; its code can only mean Hemgenix (J1411, or a hyphenated
 *                      Hemgenix NDC), and the coding gate asks for the system
 */
public record HemgenixRecognition(By by, String system, String code, boolean systemMissing) {

    public HemgenixRecognition(By by, String system, String code) {
        this(by, system, code, false);
    }

    public enum By {
        /** HCPCS J1411 under an accepted system URI. */
        HCPCS_J1411,
        /** An unclassified HCPCS code (J3490, J3590, C9399) on an order that names Hemgenix otherwise. */
        HCPCS_UNCLASSIFIED,
        NDC,
        RXNORM,
        TEXT
    }
}
