package org.genegate.cards;

import java.util.List;
import org.genegate.cdshooks.CardCoding;
import org.genegate.cdshooks.Link;
import org.genegate.policy.ProductSettings;

/**
 * What every card carries that is not a finding: who it comes from, the reasons offered to override a
 * critical card, the payer card's links and the product the cards name (both from the policy file).
 */
public record CardSettings(String sourceLabel, String sourceUrl, List<CardCoding> overrideReasons,
                           List<Link> payerLinks, ProductSettings product) {

    public CardSettings {
        overrideReasons = List.copyOf(overrideReasons);
        payerLinks = List.copyOf(payerLinks);
    }
}
