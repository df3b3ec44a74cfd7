package org.genegate.cards;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.genegate.cdshooks.Card;
import org.genegate.cdshooks.CardCoding;
import org.genegate.cdshooks.ConfigurationOption;

/**
 * The Da Vinci CRD configuration a client sends in {@code extension."davinci-crd.configuration"}: card types
 * switched off and {@code max-cards}. Unknown options and values of the wrong JSON type are ignored, as CRD
 * asks, so an {@code extension} never makes a call fail.
 *
 * @param disabledCardTypes card-type codes (a card's {@code source.topic.code}) the client turned off
 * @param maxCards          most cards to return, or null for no limit
 */
public record CrdConfiguration(Set<String> disabledCardTypes, Integer maxCards) {

    public static final String REQUEST_EXTENSION = "davinci-crd.configuration";
    public static final String DISCOVERY_EXTENSION = "davinci-crd.configuration-options";
    public static final String MAX_CARDS = "max-cards";
    public static final CrdConfiguration DEFAULT = new CrdConfiguration(Set.of(), null);

    /** Card types GeneGate emits, each with what switching it off drops. */
    private static final Map<CardCoding, String> CARD_TYPES = Map.of(
            CardTopics.CONTRAINDICATION, "The critical card of blocking gates (age, prior gene therapy, FIX "
                    + "inhibitor, anti-AAV5 NAb). Switching it off hides a do-not-give warning.",
            CardTopics.GUIDELINE, "Warning cards for documentation gaps (with suggestions ordering the missing tests "
                    + "and the monitoring plan) and for checks that could not be verified.",
            CardTopics.CLAIM, "The warning card for billing codes (J1411 units, administration CPT codes).",
            CardTopics.COVERAGE_INFO, "The payer card (prior authorization, documentation list, links) and, on "
                    + "order-sign, the coverage-information system action.");

    /** Most important first: what max-cards keeps. */
    private static final Map<String, Integer> PRIORITY = Map.of("critical", 0, "warning", 1, "info", 2);

    public CrdConfiguration {
        disabledCardTypes = Set.copyOf(disabledCardTypes);
    }

    /** The options as discovery advertises them, in a stable order. */
    public static List<ConfigurationOption> options() {
        List<ConfigurationOption> options = new ArrayList<>();
        CARD_TYPES.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(CardCoding::code)))
                .forEach(e -> options.add(new ConfigurationOption(e.getKey().code(), "boolean", e.getKey().display(),
                        e.getValue(), true)));
        options.add(new ConfigurationOption(MAX_CARDS, "integer", "Maximum cards", "The most cards to return; "
                + "critical cards are kept first, then warnings, then information. No limit unless sent.", null));
        return options;
    }

    /** Reads the request's {@code extension}; anything that is not a usable setting is ignored. */
    public static CrdConfiguration from(JsonNode extension) {
        if (extension == null || !extension.isObject()) {
            return DEFAULT;
        }
        JsonNode configuration = extension.get(REQUEST_EXTENSION);
        if (configuration == null || !configuration.isObject()) {
            return DEFAULT;
        }
        Set<String> disabled = new LinkedHashSet<>();
        for (CardCoding type : CARD_TYPES.keySet()) {
            JsonNode value = configuration.get(type.code());
            if (value != null && value.isBoolean() && !value.booleanValue()) {
                disabled.add(type.code());
            }
        }
        JsonNode max = configuration.get(MAX_CARDS);
        Integer maxCards = max != null && max.isIntegralNumber() && max.canConvertToInt() && max.intValue() >= 0
                ? max.intValue() : null;
        return new CrdConfiguration(disabled, maxCards);
    }

    public boolean allows(String cardType) {
        return !disabledCardTypes.contains(cardType);
    }

    /** The cards to send, and those this configuration held back. */
    public record Selection(List<Card> sent, List<Card> withheld) {
    }

    public Selection select(List<Card> cards) {
        List<Card> allowed = new ArrayList<>();
        List<Card> withheld = new ArrayList<>();
        for (Card card : cards) {
            String type = card.source() == null || card.source().topic() == null ? null : card.source().topic().code();
            (type == null || allows(type) ? allowed : withheld).add(card);
        }
        if (maxCards != null && allowed.size() > maxCards) {
            List<Card> byPriority = new ArrayList<>(allowed);
            byPriority.sort(Comparator.comparingInt(c -> PRIORITY.getOrDefault(c.indicator(), PRIORITY.size())));
            Set<Card> kept = Set.copyOf(byPriority.subList(0, maxCards));
            // Kept cards stay in the order the composer gave them.
            withheld.addAll(allowed.stream().filter(c -> !kept.contains(c)).toList());
            allowed = allowed.stream().filter(kept::contains).toList();
        }
        return new Selection(List.copyOf(allowed), List.copyOf(withheld));
    }
}
