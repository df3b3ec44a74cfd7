package org.genegate.assessment;

import org.genegate.gates.Assessment;
import org.genegate.record.PatientRecord;

/** A patient judged without an order, and the record the gates read (e.g. for the weight a claim's dose needs). */
public record PatientAssessment(Assessment assessment, PatientRecord record) {
}
