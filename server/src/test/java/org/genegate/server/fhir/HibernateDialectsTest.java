package org.genegate.server.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.model.dialect.HapiFhirH2Dialect;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirPostgresDialect;
import org.junit.jupiter.api.Test;

class HibernateDialectsTest {

    @Test
    void h2FileAndMemory() {
        assertThat(HibernateDialects.forJdbcUrl("jdbc:h2:file:./data/genegate")).contains(HapiFhirH2Dialect.class.getName());
        assertThat(HibernateDialects.forJdbcUrl("jdbc:h2:mem:x")).contains(HapiFhirH2Dialect.class.getName());
    }

    @Test
    void postgres() {
        assertThat(HibernateDialects.forJdbcUrl("jdbc:postgresql://db:5432/genegate"))
                .contains(HapiFhirPostgresDialect.class.getName());
    }

    @Test
    void otherDatabasesNeedAnExplicitDialect() {
        assertThat(HibernateDialects.forJdbcUrl("jdbc:sqlserver://db")).isEmpty();
        assertThat(HibernateDialects.forJdbcUrl(null)).isEmpty();
    }
}
