package org.genegate.hooks;

import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which product policies the service runs ({@code genegate.policy.*}).
 *
 * @param files a site's policy files, one per product, the default product's first; empty: the shipped policies
 *              (Hemgenix J1411, then Roctavian J1412). A bad file stops start-up with the loader's message
 */
@Validated
@ConfigurationProperties(prefix = "genegate.policy")
public record PolicyProperties(@DefaultValue("") @NotNull List<String> files) {
}
