package org.genegate.cdshooks;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One CDS Hooks 2.0 feedback item: what the user did with a card.
 *
 * @param card                the card's uuid
 * @param outcome             {@code accepted} or {@code overridden}
 * @param acceptedSuggestions uuids of the suggestions taken (accepted only)
 * @param overrideReasons     why the card was overridden (overridden only): the specification sends one
 *                            ({@code overrideReason}), Epic a list ({@code overrideReasons}); empty when none
 */
public record Feedback(String card, String outcome, List<String> acceptedSuggestions,
                       List<OverrideReason> overrideReasons, OffsetDateTime outcomeTimestamp) {

    public static final String ACCEPTED = "accepted";
    public static final String OVERRIDDEN = "overridden";

    public Feedback {
        acceptedSuggestions = List.copyOf(acceptedSuggestions);
        overrideReasons = List.copyOf(overrideReasons);
    }

    /**
     * One override reason.
     *
     * @param reason      the reason chosen, or null
     * @param userComment the user's free text, or null
     */
    public record OverrideReason(CardCoding reason, String userComment) {
    }
}
