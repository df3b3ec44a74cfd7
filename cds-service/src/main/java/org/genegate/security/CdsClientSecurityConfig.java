package org.genegate.security;

import java.time.Clock;
import org.genegate.hooks.CdsErrorHandler;
import org.genegate.security.settings.SecurityProperties;
import org.genegate.security.settings.SecurityProperties.TrustedCdsClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;

/** With the {@code security} profile, every hook and feedback call must carry a trusted CDS client's JWT. */
@Configuration
@Profile("security")
public class CdsClientSecurityConfig {

    private static final Logger log = LoggerFactory.getLogger(CdsClientSecurityConfig.class);

    @Bean
    CdsClientJwtVerifier cdsClientJwtVerifier(SecurityProperties properties,
                                              ObjectProvider<JtiRegistry> sharedRegistry) {
        if (properties.cdsClients().isEmpty()) {
            log.warn("security: no genegate.security.cds-clients configured; every hook call will get 401");
        }
        for (TrustedCdsClient client : properties.cdsClients()) {
            log.info("security: trusting CDS client {} (keys from {}{}; algorithms {})", client.issuer(),
                    client.jwksUrl() == null ? "" : client.jwksUrl(),
                    client.allowedJku().isEmpty() ? "" : " or jku " + client.allowedJku(), client.algorithms());
        }
        JtiRegistry registry = sharedRegistry.getIfAvailable(() -> {
            log.warn("security: jti replays are remembered in this node's memory only; several nodes need a "
                    + "shared JtiRegistry");
            return new ReplayGuard(properties.replayCacheSize());
        });
        return new CdsClientJwtVerifier(properties, JwtKeys.retriever(), registry, Clock.systemUTC());
    }

    @Bean
    PublicBaseUrlGuard publicBaseUrlGuard(SecurityProperties properties) {
        return new PublicBaseUrlGuard(properties.publicBaseUrl());
    }

    @Bean
    FilterRegistrationBean<CdsClientAuthenticationFilter> cdsClientAuthenticationFilter(
            CdsClientJwtVerifier verifier, CdsErrorHandler errors, SecurityProperties properties) {
        FilterRegistrationBean<CdsClientAuthenticationFilter> registration = new FilterRegistrationBean<>(
                new CdsClientAuthenticationFilter(verifier, errors, properties.publicBaseUrl()));
        registration.addUrlPatterns("/cds-services", "/cds-services/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
