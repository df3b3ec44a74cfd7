package org.genegate.cards;

import org.genegate.cdshooks.CardCoding;
/**
 * Card types from Da Vinci CRD 2.0.1 (CodeSystem {@code http://hl7.org/fhir/us/davinci-crd/CodeSystem/temp},
 * descendants of {@code _cardType}), set as each card's {@code source.topic}.
 */
final class CardTopics {

    static final String SYSTEM = "http://hl7.org/fhir/us/davinci-crd/CodeSystem/temp";

    static final CardCoding CONTRAINDICATION = new CardCoding(SYSTEM, "contraindication", "Contraindication");
    static final CardCoding GUIDELINE = new CardCoding(SYSTEM, "guideline", "Guideline");
    static final CardCoding CLAIM = new CardCoding(SYSTEM, "claim", "Claim");
    static final CardCoding COVERAGE_INFO = new CardCoding(SYSTEM, "coverage-info", "Coverage Information");

    private CardTopics() {
    }
}
