package org.genegate.server.database;

import ca.uhn.fhir.jpa.migrate.HapiMigrationStorageSvc;
import ca.uhn.fhir.jpa.migrate.MigrationResult;
import ca.uhn.fhir.jpa.migrate.MigrationTaskList;
import ca.uhn.fhir.jpa.migrate.SchemaMigrator;
import ca.uhn.fhir.jpa.migrate.dao.HapiMigrationDao;
import ca.uhn.fhir.jpa.migrate.tasks.HapiFhirJpaMigrationTasks;
import ca.uhn.fhir.util.VersionEnum;
import java.util.Properties;
import java.util.Set;
import javax.sql.DataSource;
import org.genegate.server.GeneGateServerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.autoconfigure.orm.jpa.JpaProperties;
import org.springframework.stereotype.Component;

/**
 * Brings HAPI's database schema to the level of the HAPI version in this build, with HAPI's own
 * migrator (the tasks its {@code hapi-fhir-cli migrate-database} command runs), before Hibernate
 * starts.
 *
 * <p>On an empty database the migrator runs HAPI's DDL script for the current version and marks
 * every older step as done; on an older schema it runs the missing steps. Each applied step is
 * recorded in {@value SchemaMigrator#HAPI_FHIR_MIGRATION_TABLENAME}, the same table the CLI uses,
 * so a DBA may run the CLI instead and start the servers with
 * {@code genegate.database.migrate-schema=false}: they then only check the schema is current
 * and refuse to start otherwise.
 *
 * <p>Takes the {@link StartupLock} first, so nodes started together do not race to create the
 * same tables; HAPI's migrator takes its own lock row on top of that.
 */
@Component
public class SchemaMigration implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(SchemaMigration.class);

    private final DataSource dataSource;
    private final SupportedDatabase database;
    private final Properties jpaProperties;
    private final StartupLock startupLock;
    private final boolean migrate;

    public SchemaMigration(
            DataSource dataSource,
            DataSourceProperties dataSourceProperties,
            JpaProperties jpaProperties,
            StartupLock startupLock,
            GeneGateServerProperties properties) {
        this.dataSource = dataSource;
        this.database = SupportedDatabase.requireForJdbcUrl(dataSourceProperties.determineUrl());
        this.jpaProperties = new Properties();
        this.jpaProperties.putAll(jpaProperties.getProperties());
        this.startupLock = startupLock;
        this.migrate = properties.database().migrateSchema();
    }

    @Override
    public void afterPropertiesSet() {
        // The first database work of a start: from here until the node is ready, other nodes wait.
        startupLock.acquire();
        SchemaMigrator migrator = newMigrator();
        if (migrate) {
            migrator.createMigrationTableIfRequired();
            MigrationResult result = migrator.migrate();
            log.info("Database schema: {} migration steps applied ({} statements)",
                    result.succeededTasks.size(), result.executedStatements.size());
        } else {
            // Throws, naming the missing version, when the schema is behind this build.
            migrator.validate();
            log.info("Database schema is current (genegate.database.migrate-schema=false: not migrated here)");
        }
    }

    private SchemaMigrator newMigrator() {
        String table = SchemaMigrator.HAPI_FHIR_MIGRATION_TABLENAME;
        MigrationTaskList tasks = new HapiFhirJpaMigrationTasks(Set.of()).getAllTasks(VersionEnum.values());
        HapiMigrationStorageSvc storage =
                new HapiMigrationStorageSvc(new HapiMigrationDao(dataSource, database.migratorDriverType(), table));
        SchemaMigrator migrator = new SchemaMigrator("HAPI FHIR", table, dataSource, jpaProperties, tasks, storage);
        migrator.setDriverType(database.migratorDriverType());
        return migrator;
    }
}
