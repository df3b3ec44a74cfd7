package org.genegate.cdshooks;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A card link; {@code type} is absolute or smart. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Link(String label, String url, String type) {
}
