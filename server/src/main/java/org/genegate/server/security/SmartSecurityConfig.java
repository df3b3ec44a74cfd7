package org.genegate.server.security;

import ca.uhn.fhir.rest.server.RestfulServer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.genegate.security.JwtKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;

/**
 * With the {@code security} profile, {@code /fhir} needs SMART on FHIR access tokens from the configured
 * authorization server, and the server publishes its SMART configuration.
 */
@Configuration
@Profile("security")
@EnableConfigurationProperties(SmartProperties.class)
public class SmartSecurityConfig {

    private static final Logger log = LoggerFactory.getLogger(SmartSecurityConfig.class);

    /** HAPI interceptors take effect by registration on the server, not as Spring beans. */
    @Bean
    SmartAuthorizationInterceptor smartAuthorization(RestfulServer fhirRestfulServer, SmartProperties properties) {
        SmartTokenVerifier verifier = new SmartTokenVerifier(properties, JwtKeys.retriever());
        SmartAuthorizationInterceptor authorization = new SmartAuthorizationInterceptor();
        fhirRestfulServer.registerInterceptor(new SmartAuthenticationInterceptor(verifier));
        fhirRestfulServer.registerInterceptor(new SmartSearchNarrowingInterceptor());
        fhirRestfulServer.registerInterceptor(authorization);
        fhirRestfulServer.registerInterceptor(new SmartCapabilityStatementInterceptor(properties));
        log.info("security: /fhir accepts SMART access tokens of {} (keys from {})", properties.issuer(),
                properties.jwksUrl());
        return authorization;
    }

    @Bean
    FilterRegistrationBean<SmartConfigurationFilter> smartConfigurationFilter(SmartProperties properties,
                                                                             ObjectMapper objectMapper)
            throws JsonProcessingException {
        FilterRegistrationBean<SmartConfigurationFilter> registration = new FilterRegistrationBean<>(
                new SmartConfigurationFilter(objectMapper.writeValueAsString(SmartConfiguration.of(properties))));
        registration.addUrlPatterns(SmartConfigurationFilter.PATHS);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
