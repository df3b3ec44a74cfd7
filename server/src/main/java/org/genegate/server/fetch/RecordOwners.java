package org.genegate.server.fetch;

import ca.uhn.fhir.context.FhirContext;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;

/**
 * The keys under which a change to a resource is stamped: the bare ids of the patients whose compartment holds it
 * (a Patient is in its own), or {@value #OUTSIDE_EVERY_PATIENT} for a resource in no patient's compartment
 * (a Medication, an Organization, a ValueSet).
 *
 * <p>This is HAPI's Patient compartment, every patient a resource names in a compartment parameter (an
 * Observation's performer as well as its subject), not the narrower owner of the SMART rules: a search by any of
 * those parameters must see the change.
 */
final class RecordOwners {

    static final String OUTSIDE_EVERY_PATIENT = "*";

    private final FhirContext fhirContext;

    RecordOwners(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    Set<String> of(IBaseResource resource) {
        Set<String> owners = new TreeSet<>();
        if ("Patient".equals(fhirContext.getResourceType(resource)) && resource.getIdElement().hasIdPart()) {
            owners.add(resource.getIdElement().getIdPart());
        }
        for (IIdType owner : fhirContext.newTerser().getCompartmentOwnersForResource("Patient", resource, Set.of())) {
            if (owner.hasIdPart()) {
                owners.add(owner.getIdPart());
            }
        }
        if (owners.isEmpty()) {
            owners.add(OUTSIDE_EVERY_PATIENT);
        }
        return owners;
    }
}
