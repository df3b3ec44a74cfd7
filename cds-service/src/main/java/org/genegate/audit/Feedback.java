package org.genegate.audit;

import java.time.OffsetDateTime;
import java.util.List;
import org.genegate.cards.CardCoding;

/**
 * One CDS Hooks 2.0 feedback item: what the user did with a card.
 *
 * @param card                the card's uuid
 * @param outcome             {@code accepted} or {@code overridden}
 * @param acceptedSuggestions uuids of the suggestions taken (accepted only)
 * @param overrideReason      the reason chosen (overridden only), or null
 * @param userComment         the user's free text (overridden only), or null
 */
public record Feedback(String card, String outcome, List<String> acceptedSuggestions, CardCoding overrideReason,
                       String userComment, OffsetDateTime outcomeTimestamp) {

    public static final String ACCEPTED = "accepted";
    public static final String OVERRIDDEN = "overridden";

    public Feedback {
        acceptedSuggestions = List.copyOf(acceptedSuggestions);
    }
}
