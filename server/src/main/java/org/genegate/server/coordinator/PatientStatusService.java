package org.genegate.server.coordinator;

import org.genegate.assessment.StandingAssessment;
import org.genegate.server.assessment.StoreAssessments;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;

/**
 * One patient's status for the coordinator's operations, from the assessment use case on this server's store (as
 * {@code $j1411-readiness} and the patient-view hook judge it): no clinical rule of its own.
 */
@Component
public class PatientStatusService {

    private final StoreAssessments assessments;

    public PatientStatusService(StoreAssessments assessments) {
        this.assessments = assessments;
    }

    /** The patient's status today; the caller has checked that the patient exists. */
    public PatientStatus status(Patient patient) {
        StandingAssessment standing = assessments.assessStanding(patient.getIdElement().getIdPart());
        return new PatientStatus(patient, standing.readiness(), standing.review(), standing.schedule());
    }
}
