package org.genegate.cdsapp;

import ca.uhn.fhir.context.FhirContext;
import java.net.http.HttpClient;
import java.time.Duration;
import org.genegate.fetch.FhirQuery;
import org.genegate.fetch.RemoteFhirQuery;
import org.genegate.hooks.HookProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the combined server's JPA store gives the CDS service, from a FHIR store over HTTP instead: the record of a
 * hook that names no {@code fhirServer} ({@link RemoteFhirQuery}, the hook's {@code FhirQuery} for "the own store")
 * and the home of the audit trail ({@link StoreAuditEventSender}). Without {@code genegate.cds.store-url} neither
 * exists, and {@code HookConfig} runs without them.
 */
@Configuration
@EnableConfigurationProperties(CdsStoreProperties.class)
class CdsStoreConfig {

    private static final Logger log = LoggerFactory.getLogger(CdsStoreConfig.class);
    private static final String HAS_STORE = "!'${genegate.cds.store-url:}'.isBlank()";

    CdsStoreConfig(CdsStoreProperties properties) {
        if (properties.hasStore()) {
            log.info("CDS-only: records not prefetched and without fhirServer are read from {}; AuditEvents are sent"
                    + " to {}/AuditEvent{}", properties.storeUrl(), properties.storeUrl(),
                    properties.storeToken() == null ? "" : " (with the configured bearer token)");
        } else {
            log.warn("CDS-only without genegate.cds.store-url: record parts neither prefetched nor on the request's"
                    + " fhirServer cannot be verified, and AuditEvents are only logged");
        }
    }

    /** The FHIR model the service reads and writes (the combined server takes HAPI's own). */
    @Bean
    FhirContext fhirContext() {
        return FhirContext.forR4Cached();
    }

    @Bean
    @ConditionalOnExpression(HAS_STORE)
    FhirQuery configuredStore(HttpClient remoteFhirHttpClient, FhirContext fhirContext, CdsStoreProperties store,
                              HookProperties hooks) {
        return new RemoteFhirQuery(remoteFhirHttpClient, fhirContext, store.storeUrl(), store.storeToken(),
                hooks.fetchBudget());
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression(HAS_STORE)
    StoreAuditEventSender storeAuditEventSender(FhirContext fhirContext, CdsStoreProperties store) {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(store.auditTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        return new StoreAuditEventSender(http, fhirContext, store.storeUrl(), store.storeToken(),
                store.auditQueueCapacity(), store.auditAttempts(), store.auditTimeout(), Duration.ofMillis(200));
    }
}
