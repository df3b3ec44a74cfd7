package org.genegate.server;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the server module under {@code genegate.*} (every key in docs/configuration.md). The CDS service's
 * own settings are {@code genegate.hooks.*}, {@code genegate.policy.*} and {@code genegate.security.*}; switches
 * that decide whether a component exists at all ({@code genegate.demo.load-scenarios},
 * {@code genegate.validation.requests}, {@code genegate.memory.trim-idle-heap}) are conditions on that component.
 */
@Validated
@ConfigurationProperties(prefix = "genegate")
public record GeneGateServerProperties(@Valid @DefaultValue Fhir fhir, @Valid @DefaultValue Terminology terminology,
                                       @Valid @DefaultValue Record record, @Valid @DefaultValue Profiles profiles,
                                       @Valid @DefaultValue Database database) {

    /**
     * The REST face of the FHIR server at {@code /fhir}.
     *
     * @param defaultPageSize    page size of a search that sends no {@code _count}
     * @param maxPageSize        upper bound on {@code _count}: bigger pages cost memory on the server
     * @param serverAddress      base URL written into links and {@code fullUrl}s; empty: taken from each request,
     *                           which is right unless a proxy rewrites the host or path
     * @param corsAllowedOrigins origins whose browser apps (SMART apps launched from an EHR) may call {@code /fhir};
     *                           {@code *} for any. Access rests on the bearer token, not on cookies, so credentials
     *                           are never allowed. Empty: no CORS
     */
    public record Fhir(@DefaultValue("50") @Min(1) @Max(10_000) int defaultPageSize,
                       @DefaultValue("500") @Min(1) @Max(10_000) int maxPageSize,
                       @DefaultValue("") @NotNull String serverAddress,
                       @DefaultValue("*") @NotNull List<String> corsAllowedOrigins) {

        public Fhir {
            corsAllowedOrigins = List.copyOf(corsAllowedOrigins);
        }
    }

    /** @param install install (or bring up to date) GeneGate's CodeSystem and ValueSets at start-up */
    public record Terminology(@DefaultValue("true") boolean install) {
    }

    /**
     * Reading a patient's record from this server's own store for the gate engine.
     *
     * @param maxResults   most matches one local search returns (its _include'd resources come on top); a record
     *                     that needs more is cut short and a warning is logged
     * @param cacheEntries most query results the record cache keeps (one per query string, e.g. a patient's
     *                     Observations); 0 turns the cache off. Writes are stamped in the database either way
     */
    public record Record(@DefaultValue("1000") @Min(1) int maxResults,
                         @DefaultValue("10000") @Min(0) int cacheEntries) {
    }

    /**
     * GeneGate's StructureDefinitions, installed into the FHIR store with generated snapshots.
     *
     * @param install       install (or bring up to date) the profiles at start-up
     * @param usCorePackage the US Core 3.1.1 package (.tgz) the snapshots are generated on; empty:
     *                      {@code shared/conformance/us_core_311.tgz} from the working directory upwards, and
     *                      without it the profiles are rebased on base R4
     */
    public record Profiles(@DefaultValue("true") boolean install, @DefaultValue("") @NotNull String usCorePackage) {
    }

    /**
     * The database schema.
     *
     * @param migrateSchema run HAPI's schema migrator at start-up (creates an empty schema, upgrades an older one);
     *                      false: only check that the schema is current, for sites where a DBA migrates with
     *                      {@code hapi-fhir-cli migrate-database}
     */
    public record Database(@DefaultValue("true") boolean migrateSchema) {
    }
}
