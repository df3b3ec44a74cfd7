package org.genegate.security;

import com.nimbusds.jose.util.DefaultResourceRetriever;
import java.net.URI;
import java.time.Clock;
import org.genegate.hooks.CdsErrorHandler;
import org.genegate.security.CdsClientSecurityProperties.TrustedCdsClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;

/** With the {@code security} profile, every hook and feedback call must carry a trusted CDS client's JWT. */
@Configuration
@Profile("security")
@EnableConfigurationProperties(CdsClientSecurityProperties.class)
public class CdsClientSecurityConfig {

    private static final Logger log = LoggerFactory.getLogger(CdsClientSecurityConfig.class);

    /** JWKS fetches: 2 s to connect, 2 s to read, 100 kB at most (a JWKS is a few kB). */
    private static final int JWKS_TIMEOUT_MILLIS = 2_000;
    private static final int JWKS_SIZE_LIMIT = 100_000;

    @Bean
    CdsClientJwtVerifier cdsClientJwtVerifier(CdsClientSecurityProperties properties) {
        if (properties.cdsClients().isEmpty()) {
            log.warn("security: no genegate.security.cds-clients configured; every hook call will get 401");
        }
        for (TrustedCdsClient client : properties.cdsClients()) {
            log.info("security: trusting CDS client {} (keys from {}{}; algorithms {})", client.issuer(),
                    client.jwksUrl() == null ? "" : client.jwksUrl(),
                    client.allowedJku().isEmpty() ? "" : " or jku " + client.allowedJku(), client.algorithms());
            warnIfPlainHttp(client.jwksUrl());
            client.allowedJku().forEach(CdsClientSecurityConfig::warnIfPlainHttp);
        }
        return new CdsClientJwtVerifier(properties,
                new DefaultResourceRetriever(JWKS_TIMEOUT_MILLIS, JWKS_TIMEOUT_MILLIS, JWKS_SIZE_LIMIT),
                Clock.systemUTC());
    }

    @Bean
    FilterRegistrationBean<CdsClientAuthenticationFilter> cdsClientAuthenticationFilter(
            CdsClientJwtVerifier verifier, CdsErrorHandler errors, CdsClientSecurityProperties properties) {
        FilterRegistrationBean<CdsClientAuthenticationFilter> registration = new FilterRegistrationBean<>(
                new CdsClientAuthenticationFilter(verifier, errors, properties.publicBaseUrl()));
        registration.addUrlPatterns("/cds-services", "/cds-services/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    private static void warnIfPlainHttp(URI url) {
        if (url != null && "http".equalsIgnoreCase(url.getScheme()) && !isLoopback(url.getHost())) {
            log.warn("security: JWKS URL {} is plain http; anyone on the path could swap the keys", url);
        }
    }

    private static boolean isLoopback(String host) {
        return "localhost".equalsIgnoreCase(host) || (host != null && host.startsWith("127."));
    }
}
