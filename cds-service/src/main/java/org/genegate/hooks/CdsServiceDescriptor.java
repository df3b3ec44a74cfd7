package org.genegate.hooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** One entry of the discovery document. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record CdsServiceDescriptor(String hook, String title, String description, String id,
                                   Map<String, String> prefetch, String usageRequirements) {
}
