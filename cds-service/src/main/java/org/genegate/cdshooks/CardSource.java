package org.genegate.cdshooks;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Who the card comes from, and the CRD card type as {@code topic}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record CardSource(String label, String url, CardCoding topic) {
}
