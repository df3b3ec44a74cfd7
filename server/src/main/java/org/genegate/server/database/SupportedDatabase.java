package org.genegate.server.database;

import ca.uhn.fhir.jpa.migrate.DriverTypeEnum;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirH2Dialect;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirPostgresDialect;
import java.util.Arrays;
import java.util.Optional;

/**
 * The databases GeneGate ships a driver for, recognised by their JDBC URL.
 *
 * <p>HAPI needs its own Hibernate dialect subclasses (they fix sequence and LOB handling), and its
 * {@code HibernatePropertiesProvider} reads the dialect class from the JPA properties, so it must
 * be named explicitly rather than left to Hibernate's detection. HAPI's schema migrator needs the
 * matching driver type to pick its DDL. Choosing both from the URL lets
 * {@code --spring.datasource.url} alone switch between H2 and PostgreSQL.
 */
public enum SupportedDatabase {
    H2("jdbc:h2:", HapiFhirH2Dialect.class, DriverTypeEnum.H2_EMBEDDED),
    POSTGRESQL("jdbc:postgresql:", HapiFhirPostgresDialect.class, DriverTypeEnum.POSTGRES_9_4);

    private final String urlPrefix;
    private final Class<?> hibernateDialect;
    private final DriverTypeEnum migratorDriverType;

    SupportedDatabase(String urlPrefix, Class<?> hibernateDialect, DriverTypeEnum migratorDriverType) {
        this.urlPrefix = urlPrefix;
        this.hibernateDialect = hibernateDialect;
        this.migratorDriverType = migratorDriverType;
    }

    /** The database a JDBC URL points at, or empty for one GeneGate does not ship a driver for. */
    public static Optional<SupportedDatabase> forJdbcUrl(String jdbcUrl) {
        if (jdbcUrl == null) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(db -> jdbcUrl.startsWith(db.urlPrefix)).findFirst();
    }

    /** Like {@link #forJdbcUrl} but fails with a message naming the URL. */
    public static SupportedDatabase requireForJdbcUrl(String jdbcUrl) {
        return forJdbcUrl(jdbcUrl).orElseThrow(() -> new IllegalStateException("Unsupported database URL " + jdbcUrl
                + ": GeneGate runs on H2 (jdbc:h2:...) or PostgreSQL (jdbc:postgresql://...)"));
    }

    public String hibernateDialect() {
        return hibernateDialect.getName();
    }

    public DriverTypeEnum migratorDriverType() {
        return migratorDriverType;
    }
}
