package org.genegate.security.settings;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * Binds {@code genegate.security.*} with or without the security profile: the public base URL and the open-network
 * switch matter to an open server too.
 */
@Configuration
@EnableConfigurationProperties(SecurityProperties.class)
public class SecuritySettingsConfig {
}
