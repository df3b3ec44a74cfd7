package org.genegate.server;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings of the server module, under {@code genegate.*} (see application.yaml for defaults). */
@ConfigurationProperties(prefix = "genegate")
public class GeneGateServerProperties {

    private final Fhir fhir = new Fhir();
    private final Terminology terminology = new Terminology();
    private final Demo demo = new Demo();
    private final Record record = new Record();
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
