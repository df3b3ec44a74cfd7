package org.genegate.server.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.util.EnumSet;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * What a patient token sees and asks about stays within its patient's record.
 *
 * <ul>
 *   <li>Every resource about to be shown (read, vread, search, {@code _include}, {@code _revinclude},
 *       history, paging, transaction answers) that holds patient data must belong to the token's patient
 *       ({@link PatientOwnership}); HAPI's compartment rule alone would also show another patient's
 *       Observation that names this one as performer.</li>
 *   <li>A search must not ask questions about other patients' records from types that belong to no patient:
 *       reverse chains ({@code _has}) anywhere, and chains and {@code _revinclude} on shared types
 *       (Organization, Practitioner...) are refused; searches of patient data are narrowed to the patient
 *       before they run, so chains there reach nothing else. Searches across all types are refused too:
 *       they cannot be narrowed.</li>
 * </ul>
 */
@Interceptor
final class PatientReadGuard {

    static final String REFUSAL = "A patient-level token may only see its own patient's record";
    /** Before HAPI's SearchNarrowingInterceptor (order 0), which cannot narrow a search across all types. */
    private static final int BEFORE_SEARCH_NARROWING = -50;
    private static final Set<RestOperationTypeEnum> SEARCHES = EnumSet.of(RestOperationTypeEnum.SEARCH_TYPE,
            RestOperationTypeEnum.SEARCH_SYSTEM);

    private final PatientOwnership ownership;

    PatientReadGuard(PatientOwnership ownership) {
        this.ownership = ownership;
    }

    @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED, order = BEFORE_SEARCH_NARROWING)
    public void checkSearch(RequestDetails request) {
        RestOperationTypeEnum operation = request.getRestOperationType();
        if (operation == null || !SEARCHES.contains(operation)
                || PatientWriteGuard.patientOnlyToken(request) == null) {
            return;
        }
        if (operation == RestOperationTypeEnum.SEARCH_SYSTEM) {
            throw new ForbiddenOperationException(REFUSAL + ": search one resource type at a time");
        }
        boolean patientData = ownership.isPatientData(request.getResourceName());
        for (String name : request.getParameters().keySet()) {
            if (name.contains("_has")) {
                throw new ForbiddenOperationException(REFUSAL + ": _has is not available to patient tokens");
            }
            if (!patientData && (name.contains(".") || name.startsWith("_revinclude"))) {
                throw new ForbiddenOperationException(REFUSAL + ": chains and _revinclude from "
                        + request.getResourceName() + " are not available to patient tokens");
            }
        }
    }

    @Hook(Pointcut.STORAGE_PRESHOW_RESOURCES)
    public void checkShown(RequestDetails request, IPreResourceShowDetails shown) {
        String patient = PatientWriteGuard.patientOnlyToken(request);
        if (patient == null) {
            return;
        }
        for (int i = 0; i < shown.size(); i++) {
            IBaseResource resource = shown.getResource(i);
            if (resource == null) {
                continue;
            }
            String type = request.getFhirContext().getResourceType(resource);
            if (ownership.isPatientData(type)) {
                Set<String> owners = ownership.owners(resource);
                if (owners.size() != 1 || !owners.contains(patient)) {
                    throw new ForbiddenOperationException(REFUSAL);
                }
            }
        }
    }
}
