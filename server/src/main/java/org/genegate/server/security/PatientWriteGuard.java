package org.genegate.server.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * A patient token writes only its own patient's record. HAPI's compartment rule lets it write any resource that
 * mentions its patient anywhere (as an Observation's performer, say), so this checks every resource about to
 * be stored or deleted under a patient-level token, after HAPI has resolved it: create, update, patch, their
 * conditional forms, and each entry of a batch or transaction all come through these pointcuts.
 *
 * <ul>
 *   <li>the resource must belong to the token's patient ({@link PatientOwnership#owners}), before and after;</li>
 *   <li>it must not refer to any other Patient, anywhere in it.</li>
 * </ul>
 */
@Interceptor
final class PatientWriteGuard {

    static final String REFUSAL = "A patient-level token may only write its own patient's record";

    private final PatientOwnership ownership;

    PatientWriteGuard(PatientOwnership ownership) {
        this.ownership = ownership;
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
    public void create(RequestDetails request, IBaseResource resource) {
        check(request, resource);
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
    public void update(RequestDetails request, IBaseResource previous, IBaseResource updated) {
        if (previous != null) {
            check(request, previous);
        }
        check(request, updated);
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED)
    public void delete(RequestDetails request, IBaseResource resource) {
        check(request, resource);
    }

    private void check(RequestDetails request, IBaseResource resource) {
        String patient = patientOnlyToken(request);
        if (patient == null) {
            return;
        }
        Set<String> owners = ownership.owners(resource);
        boolean own = owners.size() == 1 && owners.contains(patient);
        Set<String> mentioned = ownership.mentionedPatients(resource);
        mentioned.remove(patient);
        if (!own || !mentioned.isEmpty()) {
            throw new ForbiddenOperationException(REFUSAL);
        }
    }

    /** The launch patient of a token whose every scope is patient-level; null for anything else. */
    static String patientOnlyToken(RequestDetails request) {
        SmartAccess access = request == null ? null : SmartAccess.of(request);
        return access != null && access.patientOnly() ? access.patientId() : null;
    }
}
