package org.genegate.clinical;

import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/** Resource references for evidence, and resolving a Reference against what the record holds. */
public final class References {

    private References() {
    }

    /** "Observation/nab-1" for a resource with an id, else null (a resource the record did not name). */
    public static String of(Resource resource) {
        if (resource == null || !resource.hasIdElement() || resource.getIdElement().getIdPart() == null) {
            return null;
        }
        return resource.fhirType() + "/" + resource.getIdElement().getIdPart();
    }

    /** The id part of a reference such as "Practitioner/7" or "https://ehr/fhir/Practitioner/7/_history/2". */
    public static Optional<String> idPart(Reference reference) {
        if (reference == null || !reference.hasReference()) {
            return Optional.empty();
        }
        String value = reference.getReference();
        if (value.startsWith("#")) {
            return Optional.of(value.substring(1));
        }
        return Optional.ofNullable(new IdType(value).getIdPart());
    }

    /** The resource type a reference names, e.g. "PractitionerRole", or empty for a contained or bare id. */
    public static Optional<String> type(Reference reference) {
        if (reference == null || !reference.hasReference() || reference.getReference().startsWith("#")) {
            return Optional.empty();
        }
        return Optional.ofNullable(new IdType(reference.getReference()).getResourceType());
    }

    /**
     * The referenced resource of the wanted type: one the parser already attached, one contained in
     * the owner ("#id"), or one among the candidates with the same type and id.
     */
    public static <T extends Resource> Optional<T> resolve(Reference reference, Class<T> type, DomainResource owner,
                                                          List<? extends Resource> candidates) {
        if (reference == null) {
            return Optional.empty();
        }
        IBaseResource attached = reference.getResource();
        if (type.isInstance(attached)) {
            return Optional.of(type.cast(attached));
        }
        if (!reference.hasReference()) {
            return Optional.empty();
        }
        String value = reference.getReference();
        if (value.startsWith("#")) {
            if (owner == null) {
                return Optional.empty();
            }
            String id = value.substring(1);
            for (Resource contained : owner.getContained()) {
                if (type.isInstance(contained) && id.equals(contained.getIdElement().getIdPart())) {
                    return Optional.of(type.cast(contained));
                }
            }
            return Optional.empty();
        }
        IdType wanted = new IdType(value);
        String wantedType = wanted.getResourceType();
        String wantedId = wanted.getIdPart();
        if (wantedId == null) {
            return Optional.empty();
        }
        for (Resource candidate : candidates) {
            if (type.isInstance(candidate)
                    && (wantedType == null || wantedType.equals(candidate.fhirType()))
                    && wantedId.equals(candidate.getIdElement().getIdPart())) {
                return Optional.of(type.cast(candidate));
            }
        }
        return Optional.empty();
    }

    /** Whether two resources are the same record entry: the same object, or the same type and id. */
    public static boolean sameResource(Resource a, Resource b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null || !a.fhirType().equals(b.fhirType())) {
            return false;
        }
        String idA = a.getIdElement().getIdPart();
        return idA != null && idA.equals(b.getIdElement().getIdPart());
    }
}
