package org.genegate.gates;

/**
 * Which card a gate's findings join when they are not critical (a critical finding always joins the critical card,
 * an info finding the info card, and "could not verify" its own card).
 */
public enum CardGroup {
    /** Clinical documentation a payer or the label asks for: warnings join the "complete before prior authorization" card. */
    DOCUMENTATION,
    /** Billing codes: warnings join the "fix billing codes" card. */
    CODING,
    /**
     * Payer facts: they inform, they are no clinical documentation a coverage answer asks for, and the info card's
     * summary says when they are unknown.
     */
    PAYER_INFO
}
