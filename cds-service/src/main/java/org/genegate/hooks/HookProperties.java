package org.genegate.hooks;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the CDS Hooks service ({@code genegate.hooks.*}).
 *
 * @param fetchBudget    total time to fetch what prefetch lacks, whatever the remote does (default 3 s)
 * @param fetchThreads   threads that fetch record parts in parallel, shared by all hook calls
 * @param sourceLabel    {@code source.label} of every card
 * @param sourceUrl      {@code source.url} of every card
 * @param smartAppUrl    launch URL of the SMART checklist page the payer card links to; empty: this server's
 *                       {@code /app/launch.html}, as the request reached it (set it behind a proxy)
 * @param maxRequestSize largest hook request body accepted (default 5 MB); a bigger one gets 413
 */
@ConfigurationProperties(prefix = "genegate.hooks")
public record HookProperties(Duration fetchBudget, Integer fetchThreads, String sourceLabel, String sourceUrl,
                             String smartAppUrl, DataSize maxRequestSize) {

    public HookProperties {
        fetchBudget = fetchBudget == null ? Duration.ofSeconds(3) : fetchBudget;
        fetchThreads = fetchThreads == null ? 32 : fetchThreads;
        sourceLabel = sourceLabel == null ? "GeneGate gene therapy gates" : sourceLabel;
        smartAppUrl = smartAppUrl == null ? "" : smartAppUrl;
        maxRequestSize = maxRequestSize == null ? DataSize.ofMegabytes(5) : maxRequestSize;
        if (fetchBudget.isNegative() || fetchBudget.isZero()) {
            throw new IllegalArgumentException("genegate.hooks.fetch-budget must be positive");
        }
        if (fetchThreads < 1) {
            throw new IllegalArgumentException("genegate.hooks.fetch-threads must be at least 1");
        }
        if (maxRequestSize.toBytes() < 1 || maxRequestSize.toBytes() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("genegate.hooks.max-request-size must be between 1 B and 2 GB");
        }
    }
}
