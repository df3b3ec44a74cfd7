package org.genegate.server.fhir;

import ca.uhn.fhir.jpa.model.dialect.HapiFhirH2Dialect;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirPostgresDialect;
import java.util.Optional;

/**
 * Picks HAPI's Hibernate dialect from the JDBC URL.
 *
 * <p>HAPI needs its own dialect subclasses (they fix sequence and LOB handling), and its
 * {@code HibernatePropertiesProvider} reads the dialect class from the JPA properties, so it must
 * be named explicitly rather than left to Hibernate's detection. Choosing it from the URL lets
 * {@code --spring.datasource.url} alone switch between H2 and PostgreSQL.
 */
final class HibernateDialects {

    private HibernateDialects() {}

    /** The dialect class for a JDBC URL, or empty for databases GeneGate does not ship a driver for. */
    static Optional<String> forJdbcUrl(String jdbcUrl) {
        if (jdbcUrl == null) {
            return Optional.empty();
        }
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return Optional.of(HapiFhirH2Dialect.class.getName());
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return Optional.of(HapiFhirPostgresDialect.class.getName());
        }
        return Optional.empty();
    }
}
