package org.genegate.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.genegate.cdshooks.CardCoding;
import org.genegate.cdshooks.Feedback;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class FeedbackReaderTest {

    private static final String CARD = "0b0c8f9a-7e36-4a47-9f0c-7d1f4f1b2c11";
    private static final String REASON = "{\"reason\": {\"system\": \"http://example.org/override\", \"code\": \"htc\","
            + " \"display\": \"Reviewed with the HTC\"}, \"userComment\": \"Assay re-run: 1:150\"}";

    private final FeedbackReader reader = new FeedbackReader();

    private static String overridden(String extra) {
        return "{\"feedback\": [{\"card\": \"" + CARD + "\", \"outcome\": \"overridden\", "
                + "\"outcomeTimestamp\": \"2026-11-20T10:15:00Z\"" + extra + "}]}";
    }

    @Test
    void theSpecificationsOverrideReasonIsKept() {
        Feedback feedback = reader.read(overridden(", \"overrideReason\": " + REASON)).get(0);

        assertThat(feedback.overrideReasons()).containsExactly(new Feedback.OverrideReason(
                new CardCoding("http://example.org/override", "htc", "Reviewed with the HTC"), "Assay re-run: 1:150"));
    }

    @Test
    void epicsOverrideReasonsListIsKept() {
        String second = "{\"reason\": {\"system\": \"http://example.org/override\", \"code\": \"patient-declined\"}}";
        List<Feedback.OverrideReason> reasons = reader.read(overridden(", \"overrideReasons\": [" + REASON + ", "
                + second + "]")).get(0).overrideReasons();

        assertThat(reasons).extracting(r -> r.reason().code()).containsExactly("htc", "patient-declined");
        assertThat(reasons.get(0).userComment()).isEqualTo("Assay re-run: 1:150");
    }

    @Test
    void overrideReasonsAsOneObjectIsKeptToo() {
        assertThat(reader.read(overridden(", \"overrideReasons\": " + REASON)).get(0).overrideReasons())
                .extracting(Feedback.OverrideReason::userComment).containsExactly("Assay re-run: 1:150");
    }

    @Test
    void overrideReasonsOnAnAcceptedCardIs422() {
        String accepted = "{\"feedback\": [{\"card\": \"" + CARD + "\", \"outcome\": \"accepted\", "
                + "\"acceptedSuggestions\": [{\"id\": \"" + CARD + "\"}], \"outcomeTimestamp\": \"2026-11-20T10:15:00Z\", "
                + "\"overrideReasons\": [" + REASON + "]}]}";

        assertThat(status(accepted)).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    }

    @Test
    void aReasonThatIsNotAnObjectIs422() {
        assertThat(status(overridden(", \"overrideReasons\": [\"htc\"]"))).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    }

    @Test
    void feedbackIsReadAsStrictlyAsHookRequests() {
        // Duplicate keys and trailing content are not one clear body, as in a hook request.
        assertThat(status("{\"feedback\": [], \"feedback\": [{}]}")).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(status(overridden("") + " {}")).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(status("[".repeat(200) + "]".repeat(200))).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    private HttpStatus status(String body) {
        return catchThrowableOfType(() -> reader.read(body), HookRequestException.class).status();
    }
}
