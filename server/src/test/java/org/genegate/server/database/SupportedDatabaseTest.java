package org.genegate.server.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.jpa.migrate.DriverTypeEnum;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirH2Dialect;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirPostgresDialect;
import org.junit.jupiter.api.Test;

class SupportedDatabaseTest {

    @Test
    void h2FileAndMemory() {
        for (String url : new String[] {"jdbc:h2:file:./data/genegate", "jdbc:h2:mem:x"}) {
            SupportedDatabase database = SupportedDatabase.forJdbcUrl(url).orElseThrow();
            assertThat(database.hibernateDialect()).isEqualTo(HapiFhirH2Dialect.class.getName());
            assertThat(database.migratorDriverType()).isEqualTo(DriverTypeEnum.H2_EMBEDDED);
        }
    }

    @Test
    void postgres() {
        SupportedDatabase database = SupportedDatabase.forJdbcUrl("jdbc:postgresql://db:5432/genegate").orElseThrow();

        assertThat(database.hibernateDialect()).isEqualTo(HapiFhirPostgresDialect.class.getName());
        assertThat(database.migratorDriverType()).isEqualTo(DriverTypeEnum.POSTGRES_9_4);
    }

    @Test
    void otherDatabasesAreRefusedWithTheirUrl() {
        assertThat(SupportedDatabase.forJdbcUrl("jdbc:sqlserver://db")).isEmpty();
        assertThat(SupportedDatabase.forJdbcUrl(null)).isEmpty();
        assertThatThrownBy(() -> SupportedDatabase.requireForJdbcUrl("jdbc:sqlserver://db"))
                .hasMessageContaining("jdbc:sqlserver://db");
    }
}
