package org.genegate.hooks;

import java.util.List;
import org.genegate.cards.CardComposer;
import org.genegate.cards.CoverageInformationAction;
import org.genegate.cards.MonitoringCards;
import org.genegate.cards.OrderNoticeCards;
import org.genegate.policy.ProductSettings;

/**
 * The card makers of each configured product (each names its product and carries its policy's links), found by the
 * product an assessment, notice or review is for.
 */
public final class ProductCards {

    /** One product's card makers. */
    public record Makers(ProductSettings product, CardComposer composer, CoverageInformationAction coverage,
                         OrderNoticeCards notices, MonitoringCards monitoring) {
    }

    private final List<Makers> makers;

    public ProductCards(List<Makers> makers) {
        this.makers = List.copyOf(makers);
    }

    /** The makers of the product; a product not configured is a programming error. */
    public Makers of(ProductSettings product) {
        return makers.stream().filter(m -> m.product().billingCode().equals(product.billingCode())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No cards for " + product.label()));
    }
}
