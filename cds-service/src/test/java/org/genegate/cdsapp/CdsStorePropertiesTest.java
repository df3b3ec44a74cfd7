package org.genegate.cdsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CdsStorePropertiesTest {

    @Test
    void withoutSettingsThereIsNoStoreAndTheAuditDefaultsHold() {
        CdsStoreProperties properties = new CdsStoreProperties(null, " ", null, null, null);

        assertThat(properties.hasStore()).isFalse();
        assertThat(properties.storeToken()).isNull();
        assertThat(properties.auditQueueCapacity()).isEqualTo(10_000);
        assertThat(properties.auditAttempts()).isEqualTo(5);
        assertThat(properties.auditTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void theStoreUrlLosesItsTrailingSlashesSoPathsJoinOnce() {
        CdsStoreProperties properties = new CdsStoreProperties(" https://genegate.example.org/fhir// ", "t", null, null,
                null);

        assertThat(properties.hasStore()).isTrue();
        assertThat(properties.storeUrl()).isEqualTo("https://genegate.example.org/fhir");
    }

    @Test
    void aStoreUrlThatIsNotAnAbsoluteHttpUrlStopsStartUpWithTheKeysName() {
        for (String bad : new String[] {"genegate.example.org/fhir", "ftp://genegate.example.org/fhir", "file:///fhir",
                "http://bad host/fhir"}) {
            assertThatThrownBy(() -> new CdsStoreProperties(bad, null, null, null, null)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new CdsStoreProperties("relative/fhir", null, null, null, null))
                .hasMessageContaining("genegate.cds.store-url");
    }

    @Test
    void auditSettingsOutOfBoundsAreRefused() {
        assertThatThrownBy(() -> new CdsStoreProperties(null, null, 0, null, null))
                .hasMessageContaining("genegate.cds.audit-queue-capacity");
        assertThatThrownBy(() -> new CdsStoreProperties(null, null, null, 0, null))
                .hasMessageContaining("genegate.cds.audit-attempts");
        assertThatThrownBy(() -> new CdsStoreProperties(null, null, null, null, Duration.ZERO))
                .hasMessageContaining("genegate.cds.audit-timeout");
    }
}
