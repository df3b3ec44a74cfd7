package org.genegate.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.genegate.server.AbstractServerIT;
import org.genegate.server.database.SchemaMigration;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * The batch writer: a normal shutdown stores every AuditEvent handed over, one handed over after it is stored at
 * once, an event the database refuses costs only itself, and a reference to a patient this store does not hold is
 * kept as it was sent.
 */
class AuditEventBatchWriterIT extends AbstractServerIT {

    private static final String REFUSED = "refused-by-the-database";

    @Autowired
    private DataSource dataSource;

    @Autowired
    private DataSourceProperties dataSourceProperties;

    @Autowired
    private SchemaMigration schemaMigration;

    @Autowired
    private AuditEventTable table;

    @Test
    void shutdownDrainsTheQueueAndLaterEventsAreStoredByTheCaller() {
        String run = UUID.randomUUID().toString();
        // A writer of its own over the real table, so the shared one keeps running for other tests.
        AuditEventBatchWriter writer = new AuditEventBatchWriter(fhirContext, table);
        int events = 1_200;
        for (int i = 0; i < events; i++) {
            writer.write(event(run));
        }
        writer.drain();
        assertThat(stored(run)).isEqualTo(events);
        assertThat(writer.counts().batches()).isLessThan(events);

        writer.write(event(run));
        assertThat(stored(run)).isEqualTo(events + 1);
        assertThat(writer.counts().failed()).isZero();
    }

    @Test
    void anEventTheDatabaseRefusesCostsOnlyItselfNotTheEventsBatchedWithIt() {
        String run = UUID.randomUUID().toString();
        AuditEventTable refusing = new AuditEventTable(dataSource, dataSourceProperties, schemaMigration, fhirContext) {
            @Override
            public void insert(List<AuditEvent> events) {
                // As a database refuses a row (a constraint, a value it cannot hold): the whole transaction fails.
                if (events.stream().anyMatch(event -> event.getOutcomeDesc() != null)) {
                    throw new DataIntegrityViolationException(REFUSED);
                }
                super.insert(events);
            }
        };
        AuditEventBatchWriter writer = new AuditEventBatchWriter(fhirContext, refusing);
        int good = 400;
        for (int i = 0; i < good; i++) {
            writer.write(event(run));
            if (i % 100 == 50) {
                writer.write(event(run).setOutcomeDesc(REFUSED));
            }
        }

        assertThat(writer.awaitWritten(Duration.ofMinutes(2))).isTrue();
        writer.drain();

        assertThat(stored(run)).isEqualTo(good);
        assertThat(writer.counts().written()).isEqualTo(good);
        assertThat(writer.counts().failed()).isEqualTo(4);
    }

    @Test
    void aPatientThisStoreDoesNotHoldIsKeptAsReferenced() {
        String run = UUID.randomUUID().toString();
        AuditEventBatchWriter writer = new AuditEventBatchWriter(fhirContext, table);
        AuditEvent event = event(run);
        event.getEntityFirstRep().setWhat(new Reference("Patient/prefetched-" + run));

        writer.write(event);
        assertThat(writer.awaitWritten(Duration.ofMinutes(1))).isTrue();
        writer.drain();

        assertThat(writer.counts().failed()).isZero();
        AuditEvent stored = (AuditEvent) parse(Bundle.class, fhirGet("AuditEvent?patient=prefetched-" + run))
                .getEntryFirstRep().getResource();
        assertThat(stored.getEntityFirstRep().getWhat().getReference()).isEqualTo("Patient/prefetched-" + run);
    }

    private int stored(String run) {
        return parse(Bundle.class, fhirGet("AuditEvent?entity-name:exact=" + run + "&_count=0")).getTotal();
    }

    private static AuditEvent event(String run) {
        AuditEvent event = new AuditEvent()
                .setType(new Coding("http://genegate.org/fhir/CodeSystem/genegate", "hook-feedback", "CDS hook feedback"))
                .setAction(AuditEvent.AuditEventAction.E)
                .setRecorded(new Date())
                .setOutcome(AuditEvent.AuditEventOutcome._0);
        event.addAgent().setRequestor(true).setWho(new Reference().setDisplay("test"));
        event.getSource().setObserver(new Reference().setDisplay("AuditEventBatchWriterIT"));
        event.addEntity().setName(run);
        return event;
    }
}
