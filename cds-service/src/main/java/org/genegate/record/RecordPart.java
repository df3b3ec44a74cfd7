package org.genegate.record;

/**
 * The parts of a patient's record the gates read. Each part is fetched (or prefetched) as one
 * unit, so when a part cannot be had, every gate that reads it knows it cannot verify.
 */
public enum RecordPart {
    PATIENT,
    CONDITIONS,
    OBSERVATIONS,
    MEDICATION_REQUESTS,
    MEDICATION_STATEMENTS,
    MEDICATION_ADMINISTRATIONS,
    PROCEDURES,
    DIAGNOSTIC_REPORTS,
    CARE_PLANS,
    COVERAGE,
    ENCOUNTER,
    PRACTITIONER_ROLES
}
