package org.genegate.cdshooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * One entry of the discovery document.
 *
 * @param extension CDS Hooks extensions of the service, here the Da Vinci CRD configuration options
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record CdsServiceDescriptor(String hook, String title, String description, String id,
                                   Map<String, String> prefetch, String usageRequirements,
                                   Map<String, Object> extension) {
}
