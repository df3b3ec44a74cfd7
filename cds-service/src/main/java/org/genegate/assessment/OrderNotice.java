package org.genegate.assessment;

import org.genegate.policy.ProductSettings;

/**
 * An order that names a gated product but cannot be judged as sent: the caller tells the user so, never stays
 * silent.
 *
 * @param order   "MedicationRequest/id", or "a draft ServiceRequest" for an order without an id
 * @param subject what it is about: the text naming the product, or for {@link Kind#MEDICATION_UNVERIFIED} the
 *                Medication reference
 * @param reason  for {@link Kind#MEDICATION_UNVERIFIED}, why the Medication could not be had; else null
 * @param product the product the order names; for {@link Kind#MEDICATION_UNVERIFIED}, where nothing names one, the
 *                default product
 */
public record OrderNotice(Kind kind, String order, String subject, String reason, ProductSettings product) {

    public enum Kind {
        /** Another request type (e.g. a ServiceRequest) names the product, and no MedicationRequest orders it. */
        NOT_A_MEDICATION_REQUEST,
        /** A MedicationRequest names the product outside a code GeneGate recognises. */
        MEDICATION_NOT_CODED,
        /** The MedicationRequest's Medication could not be had, so nothing says what it orders. */
        MEDICATION_UNVERIFIED
    }
}
