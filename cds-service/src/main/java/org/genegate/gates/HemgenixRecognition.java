package org.genegate.gates;

/**
 * How a draft order was recognised as Hemgenix.
 *
 * @param by      which kind of identifier matched
 * @param system  the code system of the matching coding (null for text)
 * @param code    the matching code or text
 */
public record HemgenixRecognition(By by, String system, String code) {

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
