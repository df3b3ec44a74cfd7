package org.genegate.hooks;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which gate policy the service runs ({@code genegate.policy.*}).
 *
 * @param file a site's policy file; empty: the shipped policy. A bad file stops start-up with the loader's message
 */
@Validated
@ConfigurationProperties(prefix = "genegate.policy")
public record PolicyProperties(@DefaultValue("") @NotNull String file) {
}
