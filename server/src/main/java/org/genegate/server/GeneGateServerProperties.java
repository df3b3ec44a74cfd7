package org.genegate.server;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings of the server module, under {@code genegate.*} (see application.yaml for defaults). */
@ConfigurationProperties(prefix = "genegate")
public class GeneGateServerProperties {

    private final Fhir fhir = new Fhir();
    private final Terminology terminology = new Terminology();
    private final Demo demo = new Demo();
    private final Record record = new Record();
    private final Profiles profiles = new Profiles();
    private final Validation validation = new Validation();
    private final Database database = new Database();

    public Fhir getFhir() {
        return fhir;
    }

    public Terminology getTerminology() {
        return terminology;
    }

    public Demo getDemo() {
        return demo;
    }

    public Record getRecord() {
        return record;
    }

    public Profiles getProfiles() {
        return profiles;
    }

    public Validation getValidation() {
        return validation;
    }

    public Database getDatabase() {
        return database;
    }

    /** The REST face of the FHIR server at {@code /fhir}. */
    public static class Fhir {

        /** Page size of a search that sends no {@code _count}. */
        private int defaultPageSize = 50;

        /** Upper bound on {@code _count}: bigger pages cost memory on the server. */
        private int maxPageSize = 500;

        /**
         * Base URL written into links and {@code fullUrl}s. Empty: taken from each request, which
         * is right unless a proxy rewrites the host or path.
         */
        private String serverAddress = "";

        /**
         * Origins whose browser apps (SMART apps launched from an EHR) may call {@code /fhir}; {@code *} for any.
         * Access rests on the bearer token, not on cookies, so credentials are never allowed. Empty: no CORS.
         */
        private List<String> corsAllowedOrigins = List.of("*");

        public int getDefaultPageSize() {
            return defaultPageSize;
        }

        public void setDefaultPageSize(int defaultPageSize) {
            this.defaultPageSize = defaultPageSize;
        }

        public int getMaxPageSize() {
            return maxPageSize;
        }

        public void setMaxPageSize(int maxPageSize) {
            this.maxPageSize = maxPageSize;
        }

        public String getServerAddress() {
            return serverAddress;
        }

        public void setServerAddress(String serverAddress) {
            this.serverAddress = serverAddress;
        }

        public List<String> getCorsAllowedOrigins() {
            return corsAllowedOrigins;
        }

        public void setCorsAllowedOrigins(List<String> corsAllowedOrigins) {
            this.corsAllowedOrigins = corsAllowedOrigins;
        }
    }

    /** GeneGate's CodeSystem and ValueSets, installed into the FHIR store. */
    public static class Terminology {

        /** Install (or bring up to date) the terminology resources at start-up. */
        private boolean install = true;

        public boolean isInstall() {
            return install;
        }

        public void setInstall(boolean install) {
            this.install = install;
        }
    }

    /** Demonstration data. */
    public static class Demo {

        /** Load every scenario patient's transaction bundle at start-up (PUT by id, idempotent). */
        private boolean loadScenarios = false;

        public boolean isLoadScenarios() {
            return loadScenarios;
        }

        public void setLoadScenarios(boolean loadScenarios) {
            this.loadScenarios = loadScenarios;
        }
    }

    /** Reading a patient's record from this server's own store for the gate engine. */
    public static class Record {

        /**
         * Most matches one local search returns (its _include'd resources come on top). A record
         * that needs more than this is cut short and a warning is logged.
         */
        private int maxResults = 1000;

        public int getMaxResults() {
            return maxResults;
        }

        public void setMaxResults(int maxResults) {
            this.maxResults = maxResults;
        }
    }

    /** GeneGate's StructureDefinitions, installed into the FHIR store with generated snapshots. */
    public static class Profiles {

        /** Install (or bring up to date) the profiles at start-up. */
        private boolean install = true;

        /**
         * The US Core 3.1.1 package (.tgz) the snapshots are generated on. Empty: {@code shared/conformance/
         * us_core_311.tgz} from the working directory upwards, and without it the profiles are rebased on
         * base R4.
         */
        private String usCorePackage = "";

        public boolean isInstall() {
            return install;
        }

        public void setInstall(boolean install) {
            this.install = install;
        }

        public String getUsCorePackage() {
            return usCorePackage;
        }

        public void setUsCorePackage(String usCorePackage) {
            this.usCorePackage = usCorePackage;
        }
    }

    /** Validation of what clients write. */
    public static class Validation {

        /**
         * Validate every resource written over {@code /fhir} that claims a GeneGate profile in
         * {@code meta.profile}; one with errors is refused with 422 and the validator's OperationOutcome.
         */
        private boolean requests = false;

        public boolean isRequests() {
            return requests;
        }

        public void setRequests(boolean requests) {
            this.requests = requests;
        }
    }

    /** The database schema. */
    public static class Database {

        /**
         * Run HAPI's schema migrator at start-up (creates an empty schema, upgrades an older one).
         * False: only check that the schema is current, for sites where a DBA migrates with
         * {@code hapi-fhir-cli migrate-database}.
         */
        private boolean migrateSchema = true;

        public boolean isMigrateSchema() {
            return migrateSchema;
        }

        public void setMigrateSchema(boolean migrateSchema) {
            this.migrateSchema = migrateSchema;
        }
    }
}
