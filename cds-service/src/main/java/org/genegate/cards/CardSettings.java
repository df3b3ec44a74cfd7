package org.genegate.cards;

import java.util.List;
import org.genegate.cdshooks.CardCoding;
import org.genegate.cdshooks.Link;

/**
 * What every card carries that is not a finding: who it comes from, the reasons offered to override a
 * critical card, and the payer card's links (from the policy file).
 */
public record CardSettings(String sourceLabel, String sourceUrl, List<CardCoding> overrideReasons,
                           List<Link> payerLinks) {

    public CardSettings {
        overrideReasons = List.copyOf(overrideReasons);
        payerLinks = List.copyOf(payerLinks);
    }
}
