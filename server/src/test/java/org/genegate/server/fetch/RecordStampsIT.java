package org.genegate.server.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.Map;
import java.util.Set;
import org.genegate.server.AbstractServerIT;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The stamps are written on the connection of HAPI's transaction: they commit and roll back with the write. */
class RecordStampsIT extends AbstractServerIT {

    @Autowired
    private RecordStamps stamps;

    @Autowired
    private DaoRegistry daoRegistry;

    @Autowired
    private PlatformTransactionManager transactionManager;

    @Test
    void aCommittedWriteRenewsTheStampOfItsPatient() {
        String id = "cache-stamp-committed";
        store(id, "first");
        Map<String, Long> first = stamps.read(Set.of(id));
        assertThat(first).containsKey(id);

        store(id, "second");
        assertThat(stamps.read(Set.of(id))).containsKey(id).isNotEqualTo(first);
    }

    @Test
    void aRolledBackWriteLeavesNoStamp() {
        String id = "cache-stamp-rolled-back";
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            patients().update(patient(id, "never"), new SystemRequestDetails());
            // Runs after the stamps were written (registered later), before the commit: the commit fails.
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    throw new IllegalStateException("refused at commit");
                }
            });
        })).hasMessage("refused at commit");

        assertThatThrownBy(() -> patients().read(new IdType("Patient", id), new SystemRequestDetails()))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(stamps.read(Set.of(id))).isEmpty();
    }

    private void store(String id, String family) {
        new TransactionTemplate(transactionManager).executeWithoutResult(
                status -> patients().update(patient(id, family), new SystemRequestDetails()));
    }

    private static Patient patient(String id, String family) {
        Patient patient = new Patient();
        patient.setId(id);
        patient.addName().setFamily(family);
        return patient;
    }

    @SuppressWarnings("unchecked")
    private IFhirResourceDao<Patient> patients() {
        return daoRegistry.getResourceDao(Patient.class);
    }
}
