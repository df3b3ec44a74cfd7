package org.genegate.server.security;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.HardcodedServerAddressStrategy;
import ca.uhn.fhir.rest.server.RestfulServer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import org.genegate.audit.AuditEventSink;
import org.genegate.security.JwtKeys;
import org.genegate.security.settings.SecurityProperties;
import org.genegate.security.settings.SecurityProperties.Smart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
public class SmartSecurityConfig {

    private static final Logger log = LoggerFactory.getLogger(SmartSecurityConfig.class);

    /** The authorization server of {@code genegate.security.smart.*}; the profile does not start without one. */
    @Bean
    Smart smartAuthorizationServer(SecurityProperties properties) {
        return properties.smart().requireAuthorizationServer();
    }

    /**
     * HAPI interceptors take effect by registration on the server, not as Spring beans. Searches and conditional
     * URLs (If-None-Exist, conditional update, patch and delete, also inside transactions) of a patient token
     * are narrowed to its patient, so they can neither find nor count another patient's resources.
     */
    @Bean
    SmartAuthorizationInterceptor smartAuthorization(RestfulServer fhirRestfulServer, Smart properties,
                                                     FhirContext fhirContext) {
        String fhirBase = fhirRestfulServer.getServerAddressStrategy() instanceof HardcodedServerAddressStrategy fixed
                ? fixed.getValue() : null;
        if (fhirBase == null) {
            throw new IllegalStateException("The security profile needs genegate.security.public-base-url: SMART "
                    + "tokens are checked against this server's FHIR base URL");
        }
        SmartTokenVerifier verifier = new SmartTokenVerifier(properties, fhirBase, JwtKeys.retriever(),
                Clock.systemUTC());
        SmartAuthorizationInterceptor authorization = new SmartAuthorizationInterceptor();
        SmartSearchNarrowingInterceptor narrowing = new SmartSearchNarrowingInterceptor();
        narrowing.setNarrowConditionalUrls(true);
        PatientOwnership ownership = new PatientOwnership(fhirContext);
        fhirRestfulServer.registerInterceptor(new SmartAuthenticationInterceptor(verifier));
        fhirRestfulServer.registerInterceptor(new PatientReadGuard(ownership));
        fhirRestfulServer.registerInterceptor(new ConditionalCriteriaGuard(fhirContext));
        fhirRestfulServer.registerInterceptor(narrowing);
        fhirRestfulServer.registerInterceptor(authorization);
        fhirRestfulServer.registerInterceptor(new PatientWriteGuard(ownership));
        fhirRestfulServer.registerInterceptor(new MatchCountRedaction());
        fhirRestfulServer.registerInterceptor(new SmartCapabilityStatementInterceptor(properties));
        log.info("security: /fhir accepts SMART access tokens of {} for {} (keys from {})", properties.issuer(),
                properties.audience().isEmpty() ? fhirBase : properties.audience(), properties.jwksUrl());
        return authorization;
    }

    /**
     * Every read, search, create, update and delete on {@code /fhir} is audited as IHE Basic Audit Log Patterns
     * prescribe ({@link FhirAccessAudit}: who, which patient, what, when, outcome), stored by the background audit
     * writer, off the request thread. Registered after the checks above, so a refused request shows nothing
     * and records no success; registered on the REST server only, so the server's own writes (the audit writer's
     * included) are not audited again. A refusal (401, 403) is audited as a failure by {@link RefusalAudit}.
     */
    @Bean
    FhirAccessAudit fhirAccessAudit(RestfulServer fhirRestfulServer, AuditEventSink auditEvents,
                                    SmartAuthorizationInterceptor registeredBefore) {
        SmartAuditContext who = new SmartAuditContext();
        FhirAccessAudit audit = new FhirAccessAudit(auditEvents, who);
        fhirRestfulServer.registerInterceptor(audit);
        fhirRestfulServer.registerInterceptor(new RefusalAudit(auditEvents, who));
        return audit;
    }

    @Bean
    FilterRegistrationBean<SmartConfigurationFilter> smartConfigurationFilter(Smart properties,
                                                                             ObjectMapper objectMapper)
            throws JsonProcessingException {
        FilterRegistrationBean<SmartConfigurationFilter> registration = new FilterRegistrationBean<>(
                new SmartConfigurationFilter(objectMapper.writeValueAsString(SmartConfiguration.of(properties))));
        registration.addUrlPatterns(SmartConfigurationFilter.PATHS);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
