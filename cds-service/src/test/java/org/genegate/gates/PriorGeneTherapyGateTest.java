package org.genegate.gates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.genegate.gates.GateTestSupport.POLICY;
import static org.genegate.gates.GateTestSupport.concept;
import static org.genegate.gates.GateTestSupport.hemgenixRequest;
import static org.genegate.gates.GateTestSupport.input;
import static org.genegate.gates.GateTestSupport.order;
import static org.genegate.gates.GateTestSupport.record;

import org.genegate.findings.GateFinding;
import org.genegate.findings.GateStatus;
import org.genegate.findings.Severity;
import org.genegate.findings.SourceClass;
import org.genegate.record.RecordPart;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class PriorGeneTherapyGateTest {

    private final PriorGeneTherapyGate gate = new PriorGeneTherapyGate();

    private GateFinding evaluate(GateTestSupport.RecordBuilder record) {
        return gate.evaluate(input(record.build(), order(), POLICY.settings(PriorGeneTherapyGate.DEFINITION)));
    }

    private static MedicationAdministration administration(CodeableConcept medication,
                                                           MedicationAdministration.MedicationAdministrationStatus status) {
        MedicationAdministration administration = new MedicationAdministration();
        administration.setId("ma-1");
        administration.setStatus(status);
        administration.setMedication(medication);
        administration.setEffective(new DateTimeType("2024-05-02"));
        return administration;
    }

    @Test
    void noHistoryPasses() {
        GateFinding finding = evaluate(record());

        assertThat(finding.status()).isEqualTo(GateStatus.PASS);
    }

    @Test
    void anEarlierHemgenixAdministrationFailsAsCritical() {
        GateFinding finding = evaluate(record().with(RecordPart.MEDICATION_ADMINISTRATIONS,
                administration(concept(GeneGateTerminology.NDC, "00053030030"),
                        MedicationAdministration.MedicationAdministrationStatus.COMPLETED)));

        assertThat(finding.status()).isEqualTo(GateStatus.FAIL);
        assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(finding.message()).contains("administered only once", "EU SmPC 4.2", "payers cover one dose",
                "2024-05-02", "MedicationAdministration/ma-1");
        assertThat(finding.sourceClasses()).containsExactly(SourceClass.SMPC, SourceClass.PAYER);
    }

    @Test
    void anAdministrationEnteredInErrorOrNotDoneDoesNotCount() {
        CodeableConcept hemgenix = concept(GeneGateTerminology.HCPCS, "J1411");
        assertThat(evaluate(record().with(RecordPart.MEDICATION_ADMINISTRATIONS, administration(hemgenix,
                MedicationAdministration.MedicationAdministrationStatus.ENTEREDINERROR))).status())
                .isEqualTo(GateStatus.PASS);
        assertThat(evaluate(record().with(RecordPart.MEDICATION_ADMINISTRATIONS, administration(hemgenix,
                MedicationAdministration.MedicationAdministrationStatus.NOTDONE))).status())
                .isEqualTo(GateStatus.PASS);
    }

    @Test
    void anotherHemophiliaBGeneTherapyByNameFails() {
        CodeableConcept beqvez = new CodeableConcept().setText("BEQVEZ (fidanacogene elaparvovec-dzkt)");
        GateFinding finding = evaluate(record().with(RecordPart.MEDICATION_ADMINISTRATIONS,
                administration(beqvez, MedicationAdministration.MedicationAdministrationStatus.COMPLETED)));

        assertThat(finding.status()).isEqualTo(GateStatus.FAIL);
        assertThat(finding.message()).contains("BEQVEZ");
    }

    @Test
    void aCompletedHemgenixProcedureFails() {
        Procedure procedure = new Procedure();
        procedure.setStatus(Procedure.ProcedureStatus.COMPLETED);
        procedure.setCode(concept("https://bluebutton.cms.gov/resources/codesystem/hcpcs", "J1411"));

        assertThat(evaluate(record().with(RecordPart.PROCEDURES, procedure)).status()).isEqualTo(GateStatus.FAIL);
    }

    @Test
    void aCompletedHemgenixOrderWithAContainedMedicationFails() {
        MedicationRequest earlier = new MedicationRequest();
        earlier.setId("mr-old");
        earlier.setStatus(MedicationRequest.MedicationRequestStatus.COMPLETED);
        Medication medication = new Medication();
        medication.setId("med");
        medication.setCode(new CodeableConcept().setText("etranacogene dezaparvovec"));
        earlier.addContained(medication);
        earlier.setMedication(new Reference("#med"));

        assertThat(evaluate(record().with(RecordPart.MEDICATION_REQUESTS, earlier)).status()).isEqualTo(GateStatus.FAIL);
    }

    @Test
    void theDraftBeingSignedIsNotItsOwnHistoryAndAnotherActiveHemgenixOrderIsADuplicateNotADose() {
        MedicationRequest sameDraft = hemgenixRequest().setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
        assertThat(evaluate(record().with(RecordPart.MEDICATION_REQUESTS, sameDraft)).status())
                .isEqualTo(GateStatus.PASS);

        MedicationRequest other = hemgenixRequest().setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
        other.setId("other-order");
        GateFinding duplicate = evaluate(record().with(RecordPart.MEDICATION_REQUESTS, other));
        assertThat(duplicate.status()).isEqualTo(GateStatus.FAIL);
        assertThat(duplicate.severity()).isEqualTo(Severity.WARNING);
        assertThat(duplicate.sourceClasses()).containsExactly(SourceClass.TEAM_DEFAULT);
        assertThat(duplicate.message()).contains("duplicate order", "MedicationRequest/other-order")
                .doesNotContain("already been given");
    }

    @Test
    void anotherDraftHemgenixOrderIsADuplicateWarning() {
        MedicationRequest draft = hemgenixRequest().setStatus(MedicationRequest.MedicationRequestStatus.DRAFT);
        draft.setId("second-draft");

        GateFinding finding = evaluate(record().with(RecordPart.MEDICATION_REQUESTS, draft));

        assertThat(finding.status()).isEqualTo(GateStatus.FAIL);
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.message()).contains("draft Hemgenix order");
    }

    @Test
    void aCompletedAdministrationOutranksAnOpenDuplicateOrder() {
        MedicationRequest open = hemgenixRequest().setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
        open.setId("open-order");

        GateFinding finding = evaluate(record().with(RecordPart.MEDICATION_REQUESTS, open)
                .with(RecordPart.MEDICATION_ADMINISTRATIONS, administration(concept(GeneGateTerminology.HCPCS, "J1411"),
                        MedicationAdministration.MedicationAdministrationStatus.COMPLETED)));

        assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(finding.message()).contains("already been given");
    }

    @Test
    void anAdministrationOrProcedureNotCompletedIsNotAPriorDose() {
        CodeableConcept hemgenix = concept(GeneGateTerminology.HCPCS, "J1411");
        assertThat(evaluate(record().with(RecordPart.MEDICATION_ADMINISTRATIONS, administration(hemgenix,
                MedicationAdministration.MedicationAdministrationStatus.INPROGRESS))).status())
                .isEqualTo(GateStatus.PASS);
        Procedure procedure = new Procedure();
        procedure.setStatus(Procedure.ProcedureStatus.INPROGRESS);
        procedure.setCode(hemgenix);
        assertThat(evaluate(record().with(RecordPart.PROCEDURES, procedure)).status()).isEqualTo(GateStatus.PASS);
    }

    @Test
    void aCompletedHemgenixStatementIsAPriorDose() {
        MedicationStatement statement = new MedicationStatement();
        statement.setId("ms-1");
        statement.setStatus(MedicationStatement.MedicationStatementStatus.COMPLETED);
        statement.setMedication(new CodeableConcept().setText("Hemgenix, given 2023 at another center"));
        statement.setEffective(new DateTimeType("2023-06-01"));

        GateFinding finding = evaluate(record().with(RecordPart.MEDICATION_STATEMENTS, statement));

        assertThat(finding.status()).isEqualTo(GateStatus.FAIL);
        assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(finding.message()).contains("MedicationStatement/ms-1", "2023-06-01");
    }

    @Test
    void aCancelledHemgenixOrderDoesNotCount() {
        MedicationRequest cancelled = hemgenixRequest().setStatus(MedicationRequest.MedicationRequestStatus.CANCELLED);
        cancelled.setId("cancelled");

        assertThat(evaluate(record().with(RecordPart.MEDICATION_REQUESTS, cancelled)).status())
                .isEqualTo(GateStatus.PASS);
    }
}
