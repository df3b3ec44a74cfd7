package org.genegate.gates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.genegate.gates.GateTestSupport.POLICY;
import static org.genegate.gates.GateTestSupport.concept;
import static org.genegate.gates.GateTestSupport.input;
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
import org.junit.jupiter.api.Test;

class DiagnosisGateTest {

    private final DiagnosisGate gate = new DiagnosisGate();

    private GateFinding evaluate(Condition... conditions) {
        return gate.evaluate(input(record().with(RecordPart.CONDITIONS, conditions).build(), order(), POLICY.settings(DiagnosisGate.DEFINITION)));
    }

    private static Condition condition(String system, String code, String clinical, String verification) {
        Condition condition = new Condition();
        condition.setId("c-" + code);
        condition.setCode(concept(system, code));
        if (clinical != null) {
            condition.setClinicalStatus(new CodeableConcept(new Coding(
                    "http://terminology.hl7.org/CodeSystem/condition-clinical", clinical, null)));
        }
        if (verification != null) {
            condition.setVerificationStatus(new CodeableConcept(new Coding(
                    "http://terminology.hl7.org/CodeSystem/condition-ver-status", verification, null)));
        }
        return condition;
    }

    @Test
    void activeD67Passes() {
        assertThat(evaluate(condition(GeneGateTerminology.ICD10CM, "D67", "active", "confirmed")).status())
                .isEqualTo(GateStatus.PASS);
    }

    @Test
    void snomedFactorIxDeficiencyWithoutClinicalStatusPasses() {
        assertThat(evaluate(condition(GeneGateTerminology.SNOMED, "767712006", null, null)).status())
                .isEqualTo(GateStatus.PASS);
    }

    @Test
    void onlyAResolvedOrRefutedDiagnosisFailsAsWarning() {
        GateFinding resolved = evaluate(condition(GeneGateTerminology.ICD10CM, "D67", "resolved", null));
        assertThat(resolved.status()).isEqualTo(GateStatus.FAIL);
        assertThat(resolved.severity()).isEqualTo(Severity.WARNING);

        assertThat(evaluate(condition(GeneGateTerminology.ICD10CM, "D67", "active", "refuted")).status())
                .isEqualTo(GateStatus.FAIL);
    }

    @Test
    void acquiredHemophiliaIsNotHemophiliaB() {
        GateFinding finding = evaluate(condition(GeneGateTerminology.ICD10CM, "D68.311", "active", null));

        assertThat(finding.status()).isEqualTo(GateStatus.MISSING);
    }

    @Test
    void enteredInErrorIsIgnored() {
        assertThat(evaluate(condition(GeneGateTerminology.ICD10CM, "D67", "active", "entered-in-error")).status())
                .isEqualTo(GateStatus.MISSING);
    }

    @Test
    void noDiagnosisIsMissingAsWarning() {
        GateFinding finding = evaluate();

        assertThat(finding.status()).isEqualTo(GateStatus.MISSING);
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
    }
}
