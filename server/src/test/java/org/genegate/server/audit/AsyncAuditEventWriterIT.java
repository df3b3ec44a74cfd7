package org.genegate.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import java.time.Duration;
import java.util.Date;
import java.util.UUID;
import org.genegate.server.AbstractServerIT;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A normal shutdown stores every AuditEvent handed over, and one handed over after it is stored at once. */
class AsyncAuditEventWriterIT extends AbstractServerIT {

    @Autowired
    private DaoRegistry daoRegistry;

    @Autowired
    private IHapiTransactionService transactions;

    @Test
    void shutdownDrainsTheQueueAndLaterEventsAreStoredByTheCaller() {
        String run = UUID.randomUUID().toString();
        // A writer of its own over the real store, so the shared one keeps running for other tests.
        AsyncAuditEventWriter writer = new AsyncAuditEventWriter(fhirContext, daoRegistry, transactions);
        int events = 300;
        for (int i = 0; i < events; i++) {
            writer.write(event(run));
        }
        writer.drain();
        assertThat(stored(run)).isEqualTo(events);

        writer.write(event(run));
        assertThat(stored(run)).isEqualTo(events + 1);
        assertThat(writer.counts().failed()).isZero();
    }

    @Test
    void anEventTheStoreRefusesCostsOnlyItselfNotTheEventsBatchedWithIt() {
        String run = UUID.randomUUID().toString();
        AsyncAuditEventWriter writer = new AsyncAuditEventWriter(fhirContext, daoRegistry, transactions);
        int good = 400;
        for (int i = 0; i < good; i++) {
            writer.write(event(run));
            if (i % 100 == 50) {
                // Referential integrity: the store refuses a reference to a patient it does not hold.
                AuditEvent refused = event(run);
                refused.getEntityFirstRep().setWhat(new Reference("Patient/no-such-patient-" + run));
                writer.write(refused);
            }
        }

        assertThat(writer.awaitWritten(Duration.ofMinutes(2))).isTrue();
        writer.drain();

        assertThat(stored(run)).isEqualTo(good);
        assertThat(writer.counts().written()).isEqualTo(good);
        assertThat(writer.counts().failed()).isEqualTo(4);
    }

    @Test
    void aPatientOnlyPrefetchedIsKeptByIdentifierWhenTheStoreDoesNotHoldIt() {
        String run = UUID.randomUUID().toString();
        AsyncAuditEventWriter writer = new AsyncAuditEventWriter(fhirContext, daoRegistry, transactions);
        AuditEvent event = event(run);
        // As the hook decision names its patient: a reference (BALP) plus the identifier and display.
        event.getEntityFirstRep().setWhat(new Reference("Patient/prefetched-" + run).setType("Patient")
                .setIdentifier(new Identifier().setValue("prefetched-" + run)).setDisplay("Patient/prefetched-" + run));

        writer.write(event);
        assertThat(writer.awaitWritten(Duration.ofMinutes(1))).isTrue();
        writer.drain();

        assertThat(writer.counts().failed()).isZero();
        AuditEvent stored = (AuditEvent) parse(Bundle.class, fhirGet("AuditEvent?entity-name:exact=" + run))
                .getEntryFirstRep().getResource();
        assertThat(stored.getEntityFirstRep().getWhat().hasReference()).isFalse();
        assertThat(stored.getEntityFirstRep().getWhat().getIdentifier().getValue()).isEqualTo("prefetched-" + run);
    }

    private int stored(String run) {
        return parse(Bundle.class, fhirGet("AuditEvent?entity-name:exact=" + run + "&_summary=count")).getTotal();
    }

    private static AuditEvent event(String run) {
        AuditEvent event = new AuditEvent()
                .setType(new Coding("http://genegate.org/fhir/CodeSystem/genegate", "hook-feedback", "CDS hook feedback"))
                .setAction(AuditEvent.AuditEventAction.E)
                .setRecorded(new Date())
                .setOutcome(AuditEvent.AuditEventOutcome._0);
        event.addAgent().setRequestor(true).setWho(new Reference().setDisplay("test"));
        event.getSource().setObserver(new Reference().setDisplay("AsyncAuditEventWriterIT"));
        event.addEntity().setName(run);
        return event;
    }
}
