package org.genegate.cdshooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One entry of the discovery extension {@code davinci-crd.configuration-options} (Da Vinci CRD
 * {@code CDSHookServicesExtensionConfiguration}): a setting the client may send with each call.
 *
 * @param type         {@code boolean} or {@code integer}
 * @param defaultValue what applies when the client does not send the option; null when there is no limit
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConfigurationOption(String code, String type, String name, String description,
                                  @JsonProperty("default") Object defaultValue) {
}
