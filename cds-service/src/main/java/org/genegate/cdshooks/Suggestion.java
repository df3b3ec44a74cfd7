package org.genegate.cdshooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A suggestion: a set of actions the EHR applies together when the user accepts it. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Suggestion(String label, String uuid, Boolean isRecommended, List<Action> actions) {
}
