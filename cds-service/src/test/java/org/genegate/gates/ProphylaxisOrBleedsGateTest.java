package org.genegate.gates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.genegate.gates.GateTestSupport.POLICY;
import static org.genegate.gates.GateTestSupport.concept;
import static org.genegate.gates.GateTestSupport.input;
import static org.genegate.gates.GateTestSupport.lab;
import static org.genegate.gates.GateTestSupport.order;
import static org.genegate.gates.GateTestSupport.record;

import org.genegate.findings.GateFinding;
import org.genegate.findings.GateStatus;
import org.genegate.findings.Severity;
import org.genegate.record.RecordPart;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.junit.jupiter.api.Test;

class ProphylaxisOrBleedsGateTest {

    private final ProphylaxisOrBleedsGate gate = new ProphylaxisOrBleedsGate();

    private GateFinding evaluate(GateTestSupport.RecordBuilder record) {
        return gate.evaluate(input(record.build(), order(), POLICY.settings(ProphylaxisOrBleedsGate.DEFINITION)));
    }

    @Test
    void anActiveFixProphylaxisOrderPasses() {
        MedicationRequest idelvion = new MedicationRequest();
        idelvion.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
        idelvion.setMedication(concept("http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets", "J7202"));

        assertThat(evaluate(record().with(RecordPart.MEDICATION_REQUESTS, idelvion)).status()).isEqualTo(GateStatus.PASS);
    }

    @Test
    void aStoppedProphylaxisOrderDoesNotCount() {
        MedicationRequest stopped = new MedicationRequest();
        stopped.setStatus(MedicationRequest.MedicationRequestStatus.STOPPED);
        stopped.setMedication(concept(GeneGateTerminology.HCPCS, "J7201"));

        assertThat(evaluate(record().with(RecordPart.MEDICATION_REQUESTS, stopped)).status())
                .isEqualTo(GateStatus.MISSING);
    }

    @Test
    void aCompletedMedicationStatementCounts() {
        MedicationStatement statement = new MedicationStatement();
        statement.setStatus(MedicationStatement.MedicationStatementStatus.COMPLETED);
        statement.setMedication(concept("https://bluebutton.cms.gov/resources/codesystem/hcpcs", "J7195"));

        assertThat(evaluate(record().with(RecordPart.MEDICATION_STATEMENTS, statement)).status())
                .isEqualTo(GateStatus.PASS);
    }

    @Test
    void aResolvedLifeThreateningBleedStillCountsAsHistory() {
        Condition bleed = new Condition();
        bleed.setCode(concept(GeneGateTerminology.CODE_SYSTEM, GeneGateTerminology.BLEED_LIFE_THREATENING));
        bleed.setClinicalStatus(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/condition-clinical", "resolved", null)));

        assertThat(evaluate(record().with(RecordPart.CONDITIONS, bleed)).status()).isEqualTo(GateStatus.PASS);
    }

    @Test
    void aProphylaxisObservationCounts() {
        assertThat(evaluate(record().observations(lab(GeneGateTerminology.CODE_SYSTEM,
                GeneGateTerminology.FIX_PROPHYLAXIS_CURRENT, 10))).status()).isEqualTo(GateStatus.PASS);
    }

    @Test
    void nothingDocumentedIsMissingAsWarning() {
        Condition hemarthrosisAsEffusion = new Condition();
        hemarthrosisAsEffusion.setCode(concept(GeneGateTerminology.ICD10CM, "M25.4"));

        GateFinding finding = evaluate(record().with(RecordPart.CONDITIONS, hemarthrosisAsEffusion));

        assertThat(finding.status()).isEqualTo(GateStatus.MISSING);
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.message()).contains("ABR");
    }
}
