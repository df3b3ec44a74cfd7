package org.genegate.fetch;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.genegate.record.RecordPart;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Which resource types a record part may hold, and whose record a resource belongs to. A part that
 * holds another patient's data, or resources of the wrong type, must never reach the gates.
 */
final class PartResources {

    private static final Map<RecordPart, Set<String>> ALLOWED_TYPES = Map.ofEntries(
            Map.entry(RecordPart.PATIENT, Set.of("Patient")),
            Map.entry(RecordPart.CONDITIONS, Set.of("Condition")),
            Map.entry(RecordPart.OBSERVATIONS, Set.of("Observation")),
            Map.entry(RecordPart.MEDICATION_REQUESTS, Set.of("MedicationRequest", "Medication")),
            Map.entry(RecordPart.MEDICATION_STATEMENTS, Set.of("MedicationStatement", "Medication")),
            Map.entry(RecordPart.MEDICATION_ADMINISTRATIONS, Set.of("MedicationAdministration", "Medication")),
            Map.entry(RecordPart.PROCEDURES, Set.of("Procedure")),
            Map.entry(RecordPart.DIAGNOSTIC_REPORTS, Set.of("DiagnosticReport")),
            Map.entry(RecordPart.CARE_PLANS, Set.of("CarePlan")),
            Map.entry(RecordPart.COVERAGE, Set.of("Coverage", "Organization", "Patient", "RelatedPerson")),
            Map.entry(RecordPart.ENCOUNTER, Set.of("Encounter", "Organization", "Location")),
            Map.entry(RecordPart.PRACTITIONER_ROLES, Set.of("PractitionerRole", "Practitioner", "Organization")));

    private PartResources() {
    }

    /** Null when every resource fits the part and the patient; otherwise why not. */
    static String problem(RecordPart part, List<Resource> resources, String patientId) {
        Set<String> allowed = ALLOWED_TYPES.get(part);
        for (Resource resource : resources) {
            String type = resource.fhirType();
            if (!allowed.contains(type)) {
                return "holds a " + type + " where only " + String.join(", ", allowed) + " belong";
            }
            // Whose record it is instead is never said: the answer may reach an app of the context patient.
            if (part == RecordPart.PATIENT && !patientId.equals(resource.getIdElement().getIdPart())) {
                return "holds another Patient than the context patient " + patientId;
            }
            Reference subject = subjectOf(resource);
            if (subject != null && subject.hasReference() && !refersTo(subject, patientId)) {
                return "holds a resource (" + type + ") that is not of the context patient " + patientId;
            }
        }
        return null;
    }

    private static boolean refersTo(Reference reference, String patientId) {
        String ref = reference.getReference();
        // Absolute references name the EHR's base URL; only the Patient id must match.
        return ref.equals("Patient/" + patientId) || ref.endsWith("/Patient/" + patientId);
    }

    private static Reference subjectOf(Resource resource) {
        if (resource instanceof Observation r) {
            return r.getSubject();
        } else if (resource instanceof Condition r) {
            return r.getSubject();
        } else if (resource instanceof MedicationRequest r) {
            return r.getSubject();
        } else if (resource instanceof MedicationStatement r) {
            return r.getSubject();
        } else if (resource instanceof MedicationAdministration r) {
            return r.getSubject();
        } else if (resource instanceof Procedure r) {
            return r.getSubject();
        } else if (resource instanceof DiagnosticReport r) {
            return r.getSubject();
        } else if (resource instanceof CarePlan r) {
            return r.getSubject();
        } else if (resource instanceof Coverage r) {
            return r.getBeneficiary();
        } else if (resource instanceof Encounter r) {
            return r.getSubject();
        }
        return null;
    }
}
