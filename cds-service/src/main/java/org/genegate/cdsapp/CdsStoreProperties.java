package org.genegate.cdsapp;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The FHIR store of the CDS-only application ({@code genegate.cds.*}).
 *
 * @param storeUrl           base URL of the FHIR store (e.g. {@code https://genegate.example.org/fhir}): read for a
 *                           hook that names no {@code fhirServer}, and where AuditEvents are POSTed; empty: none
 *                           (parts neither prefetched nor on the request's fhirServer then "could not verify", and
 *                           the audit trail is only logged)
 * @param storeToken         bearer token sent to the store with every read and audit write; empty: none
 * @param auditQueueCapacity AuditEvents waiting to be sent at most; past it the hook's own thread sends its event
 * @param auditAttempts      attempts to deliver one AuditEvent before it is logged in full instead
 * @param auditTimeout       time for one audit POST to be answered
 */
@ConfigurationProperties(prefix = "genegate.cds")
public record CdsStoreProperties(String storeUrl, String storeToken, Integer auditQueueCapacity,
                                 Integer auditAttempts, Duration auditTimeout) {

    public CdsStoreProperties {
        storeUrl = storeUrl == null ? "" : storeUrl.strip().replaceAll("/+$", "");
        storeToken = storeToken == null || storeToken.isBlank() ? null : storeToken.strip();
        auditQueueCapacity = auditQueueCapacity == null ? 10_000 : auditQueueCapacity;
        auditAttempts = auditAttempts == null ? 5 : auditAttempts;
        auditTimeout = auditTimeout == null ? Duration.ofSeconds(10) : auditTimeout;
        if (!storeUrl.isEmpty()) {
            URI uri = URI.create(storeUrl);
            if (!uri.isAbsolute() || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    || uri.getHost() == null) {
                throw new IllegalArgumentException("genegate.cds.store-url must be an absolute http(s) URL, not "
                        + storeUrl);
            }
        }
        if (auditQueueCapacity < 1) {
            throw new IllegalArgumentException("genegate.cds.audit-queue-capacity must be at least 1");
        }
        if (auditAttempts < 1) {
            throw new IllegalArgumentException("genegate.cds.audit-attempts must be at least 1");
        }
        if (auditTimeout.isNegative() || auditTimeout.isZero()) {
            throw new IllegalArgumentException("genegate.cds.audit-timeout must be positive");
        }
    }

    public boolean hasStore() {
        return !storeUrl.isEmpty();
    }
}
