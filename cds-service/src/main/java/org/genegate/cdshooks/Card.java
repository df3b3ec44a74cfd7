package org.genegate.cdshooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * A CDS Hooks 2.0 card. {@code extension} carries {@code genegate.findings}: the gate id, status and
 * severity and source classes of every finding on the card, so EHR integrations, audits and tests read them without
 * parsing the markdown.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Card(String uuid, String summary, String detail, String indicator, CardSource source,
                   List<Suggestion> suggestions, String selectionBehavior, List<CardCoding> overrideReasons,
                   List<Link> links, Map<String, Object> extension) {
}
