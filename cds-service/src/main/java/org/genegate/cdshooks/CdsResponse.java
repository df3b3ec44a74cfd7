package org.genegate.cdshooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The body of a hook response; {@code systemActions} is left out (null) for hooks that do not carry them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CdsResponse(List<Card> cards, List<Action> systemActions) {

    public static CdsResponse empty() {
        return new CdsResponse(List.of(), null);
    }
}
