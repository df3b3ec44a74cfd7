package org.genegate.server.security;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.util.FhirTerser;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.instance.model.api.IBaseReference;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;

/**
 * Whose record a resource is. HAPI's Patient compartment counts every patient a resource mentions (an
 * Observation's performer, a Coverage's subscriber), which is too wide for a patient token: a resource belongs
 * to the patient its type's {@code patient} search parameter names ({@code Observation.subject},
 * {@code Coverage.beneficiary}, {@code MedicationRequest.subject}...), or, for types without one, the
 * parameters of the Patient compartment.
 */
final class PatientOwnership {

    private final FhirContext fhirContext;
    private final Map<String, List<String>> ownerPaths = new ConcurrentHashMap<>();

    PatientOwnership(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    /** True for types that live in patients' records (not Practitioner, Organization, ValueSet...). */
    boolean isPatientData(String resourceType) {
        return "Patient".equals(resourceType) || !ownerPaths(resourceType).isEmpty();
    }

    /** The ids of the patients the resource belongs to; empty when it names none where its owner goes. */
    Set<String> owners(IBaseResource resource) {
        String type = fhirContext.getResourceType(resource);
        Set<String> owners = new HashSet<>();
        if ("Patient".equals(type)) {
            if (resource.getIdElement().hasIdPart()) {
                owners.add(resource.getIdElement().getIdPart());
            }
            return owners;
        }
        FhirTerser terser = fhirContext.newTerser();
        for (String path : ownerPaths(type)) {
            for (IBaseReference reference : terser.getValues(resource, path, IBaseReference.class)) {
                String patient = patientId(reference);
                if (patient != null) {
                    owners.add(patient);
                }
            }
        }
        return owners;
    }

    /** Every patient the resource refers to, wherever (contained resources included). */
    Set<String> mentionedPatients(IBaseResource resource) {
        Set<String> patients = new HashSet<>();
        for (IBaseReference reference : fhirContext.newTerser()
                .getAllPopulatedChildElementsOfType(resource, IBaseReference.class)) {
            String patient = patientId(reference);
            if (patient != null) {
                patients.add(patient);
            }
        }
        return patients;
    }

    /** The Patient id a reference points to (relative or absolute), or null when it points elsewhere. */
    private static String patientId(IBaseReference reference) {
        IIdType target = reference.getReferenceElement();
        if (target == null || target.isEmpty() || target.isLocal()) {
            return null;
        }
        return "Patient".equals(target.getResourceType()) ? target.getIdPart() : null;
    }

    private List<String> ownerPaths(String resourceType) {
        return ownerPaths.computeIfAbsent(resourceType, this::findOwnerPaths);
    }

    private List<String> findOwnerPaths(String resourceType) {
        RuntimeResourceDefinition definition = fhirContext.getResourceDefinition(resourceType);
        List<RuntimeSearchParam> params = new ArrayList<>();
        RuntimeSearchParam patient = definition.getSearchParam("patient");
        if (patient != null) {
            params.add(patient);
        } else {
            params.addAll(definition.getSearchParamsForCompartmentName("Patient"));
        }
        List<String> paths = new ArrayList<>();
        for (RuntimeSearchParam param : params) {
            for (String path : param.getPath().split("\\|")) {
                String simple = simplePath(path.trim(), resourceType);
                if (simple != null) {
                    paths.add(simple);
                }
            }
        }
        return List.copyOf(paths);
    }

    /**
     * {@code Observation.subject.where(resolve() is Patient)} → {@code Observation.subject}: the terser follows
     * element names only; the type test is done on the reference itself.
     */
    private static String simplePath(String path, String resourceType) {
        String simple = path.replaceAll("^\\(+|\\)+$", "");
        int where = simple.indexOf(".where(");
        if (where >= 0) {
            simple = simple.substring(0, where);
        }
        if (!simple.startsWith(resourceType + ".") || !simple.matches("[A-Za-z.]+")) {
            return null;
        }
        return simple;
    }
}
