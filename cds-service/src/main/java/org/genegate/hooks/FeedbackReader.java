package org.genegate.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.genegate.cdshooks.CardCoding;
import org.genegate.cdshooks.Feedback;

/**
 * Reads a CDS Hooks 2.0 feedback body, {@code {"feedback": [...]}}, or says precisely why it is not one:
 * 400 when the body is not JSON (read as strictly as hook requests: no duplicate keys, no trailing content),
 * 422 when an item breaks the specification (card uuid, outcome, outcome timestamp required; accepted
 * suggestions only and always with {@code accepted}; an override reason only with {@code overridden}).
 *
 * <p>The override reason is read under both names clients use: the specification's {@code overrideReason}
 * (one object) and Epic's {@code overrideReasons} (a list of the same objects; a single object is taken too).
 */
public final class FeedbackReader {

    private static final String OVERRIDE_REASON = "overrideReason";
    private static final String OVERRIDE_REASONS = "overrideReasons";

    private final ObjectMapper mapper = HookJson.strictMapper();

    public List<Feedback> read(String body) {
        JsonNode root = parse(body);
        JsonNode items = root.get("feedback");
        if (!root.isObject() || items == null || !items.isArray() || items.isEmpty()) {
            throw HookRequestException.invalid("Feedback must be an object with a non-empty 'feedback' array");
        }
        List<Feedback> feedback = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            feedback.add(item(items.get(i), "feedback[" + i + "]"));
        }
        return feedback;
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw HookRequestException.notJson("The feedback body is empty");
        }
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw HookRequestException.notJson("The feedback body is not JSON");
            }
            return node;
        } catch (IOException e) {
            throw HookRequestException.notJson("The feedback body is not valid JSON");
        }
    }

    private static Feedback item(JsonNode item, String where) {
        if (!item.isObject()) {
            throw HookRequestException.invalid(where + " must be an object");
        }
        String card = text(item, "card", where);
        try {
            UUID.fromString(card);
        } catch (IllegalArgumentException e) {
            throw HookRequestException.invalid(where + ".card must be the uuid of a card: " + card);
        }
        String outcome = text(item, "outcome", where);
        if (!outcome.equals(Feedback.ACCEPTED) && !outcome.equals(Feedback.OVERRIDDEN)) {
            throw HookRequestException.invalid(where + ".outcome must be accepted or overridden, not " + outcome);
        }
        OffsetDateTime timestamp;
        String timestampText = text(item, "outcomeTimestamp", where);
        try {
            timestamp = OffsetDateTime.parse(timestampText);
        } catch (DateTimeParseException e) {
            throw HookRequestException.invalid(where + ".outcomeTimestamp must be an ISO 8601 date-time with an "
                    + "offset: " + timestampText);
        }
        List<String> accepted = acceptedSuggestions(item.get("acceptedSuggestions"), where);
        List<Feedback.OverrideReason> reasons = new ArrayList<>();
        overrideReason(item.get(OVERRIDE_REASON), where + "." + OVERRIDE_REASON).ifPresent(reasons::add);
        JsonNode plural = item.get(OVERRIDE_REASONS);
        if (plural != null && plural.isArray()) {
            for (int i = 0; i < plural.size(); i++) {
                String at = where + "." + OVERRIDE_REASONS + "[" + i + "]";
                reasons.add(overrideReason(plural.get(i), at).orElseThrow(
                        () -> HookRequestException.invalid(at + " must be an object")));
            }
        } else {
            overrideReason(plural, where + "." + OVERRIDE_REASONS).ifPresent(reasons::add);
        }
        if (outcome.equals(Feedback.ACCEPTED) && accepted.isEmpty()) {
            throw HookRequestException.invalid(where + ": an accepted card needs acceptedSuggestions");
        }
        if (outcome.equals(Feedback.OVERRIDDEN) && !accepted.isEmpty()) {
            throw HookRequestException.invalid(where + ": acceptedSuggestions only go with outcome accepted");
        }
        if (!reasons.isEmpty() && !outcome.equals(Feedback.OVERRIDDEN)) {
            throw HookRequestException.invalid(where + ": overrideReason only goes with outcome overridden");
        }
        return new Feedback(card, outcome, accepted, reasons, timestamp);
    }

    /** One override reason object ({@code reason} Coding, {@code userComment}); empty for absent or null. */
    private static Optional<Feedback.OverrideReason> overrideReason(JsonNode override, String where) {
        if (override == null || override.isNull()) {
            return Optional.empty();
        }
        if (!override.isObject()) {
            throw HookRequestException.invalid(where + " must be an object");
        }
        CardCoding reason = null;
        JsonNode coding = override.get("reason");
        if (coding != null && !coding.isNull()) {
            if (!coding.isObject()) {
                throw HookRequestException.invalid(where + ".reason must be a Coding");
            }
            reason = new CardCoding(text(coding, "system", where + ".reason"), text(coding, "code", where + ".reason"),
                    optionalText(coding, "display", where + ".reason"));
        }
        return Optional.of(new Feedback.OverrideReason(reason, optionalText(override, "userComment", where)));
    }

    private static List<String> acceptedSuggestions(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw HookRequestException.invalid(where + ".acceptedSuggestions must be an array");
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode suggestion : node) {
            if (!suggestion.isObject()) {
                throw HookRequestException.invalid(where + ".acceptedSuggestions holds objects with an id");
            }
            ids.add(text(suggestion, "id", where + ".acceptedSuggestions[]"));
        }
        return ids;
    }

    private static String text(JsonNode parent, String name, String where) {
        JsonNode value = parent.get(name);
        if (value == null || value.isNull()) {
            throw HookRequestException.invalid(where + " has no '" + name + "'");
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw HookRequestException.invalid(where + "." + name + " must be a non-empty string");
        }
        return value.asText();
    }

    private static String optionalText(JsonNode parent, String name, String where) {
        JsonNode value = parent.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw HookRequestException.invalid(where + "." + name + " must be a string");
        }
        return value.asText();
    }
}
