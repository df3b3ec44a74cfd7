package org.genegate.gates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.genegate.gates.GateTestSupport.CODES;
import static org.genegate.gates.GateTestSupport.lab;
import static org.genegate.gates.GateTestSupport.order;
import static org.genegate.gates.GateTestSupport.record;
import static org.genegate.gates.GateTestSupport.snomedValue;
import static org.genegate.gates.GateTestSupport.text;

import org.genegate.findings.GateFinding;
import org.genegate.findings.GateStatus;
import org.genegate.findings.Remedy;
import org.genegate.findings.Severity;
import org.genegate.policy.Policy;
import org.genegate.policy.PolicyLoader;
import org.genegate.record.RecordPart;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

/** The qualitative anti-AAV5 total antibody gate, with the shipped Roctavian policy's settings. */
class Aav5TotalAntibodyGateTest {

    private static final Policy ROCTAVIAN = PolicyLoader.loadResource("policy/j1412-policy.yaml", Gates.ALL);
    private final Aav5TotalAntibodyGate gate = new Aav5TotalAntibodyGate();

    private static Observation result(int daysBeforeOrder) {
        return lab(GeneGateTerminology.CODE_SYSTEM, GeneGateTerminology.AAV5_TOTAL_ANTIBODY, daysBeforeOrder);
    }

    private static Observation byCdx(Observation observation) {
        observation.setMethod(new CodeableConcept().setText("AAV5 DetectCDx"));
        return observation;
    }

    private static Observation notDetected(int daysBeforeOrder) {
        return snomedValue(result(daysBeforeOrder), GeneGateTerminology.SNOMED_NOT_DETECTED, "Not detected");
    }

    private static Observation detected(int daysBeforeOrder) {
        return snomedValue(result(daysBeforeOrder), GeneGateTerminology.SNOMED_DETECTED, "Detected");
    }

    private GateFinding evaluate(Observation... observations) {
        return gate.evaluate(new GateInput<>(record().observations(observations).build(), order(), CODES,
                ROCTAVIAN.settings(Aav5TotalAntibodyGate.DEFINITION), ROCTAVIAN.product()));
    }

    @Test
    void notDetectedByTheCompanionDiagnosticPasses() {
        GateFinding finding = evaluate(byCdx(notDetected(20)));

        assertThat(finding.status()).isEqualTo(GateStatus.PASS);
        assertThat(finding.message()).contains("not detected", "AAV5 DetectCDx");
    }

    @Test
    void detectedFailsCritically() {
        GateFinding finding = evaluate(byCdx(detected(20)));

        assertThat(finding.status()).isEqualTo(GateStatus.FAIL);
        assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(finding.message()).contains("detected", "do not give Roctavian");
    }

    @Test
    void noResultIsMissingAndCriticalWithTheApprovedTestToOrder() {
        GateFinding finding = evaluate();

        assertThat(finding.status()).isEqualTo(GateStatus.MISSING);
        assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(finding.remedies()).singleElement().isInstanceOfSatisfying(Remedy.OrderTest.class, test -> {
            assertThat(test.code()).isEqualTo(GeneGateTerminology.AAV5_TOTAL_ANTIBODY);
            assertThat(test.reason()).contains("DetectCDx");
        });
    }

    @Test
    void aValueThatReadsNeitherWayIsNotAPass() {
        GateFinding finding = evaluate(byCdx(text(result(5), "see comment")));

        assertThat(finding.status()).isEqualTo(GateStatus.MISSING);
        assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void anUnrecognisedCodeIsNotAPass() {
        Observation equivocal = result(5);
        equivocal.setValue(new CodeableConcept(new Coding(GeneGateTerminology.SNOMED, "42425007", "Equivocal")));

        assertThat(evaluate(byCdx(equivocal)).status()).isEqualTo(GateStatus.MISSING);
    }

    @Test
    void notDetectedByAnotherAssayIsAWarningNotAPass() {
        Observation otherAssay = notDetected(20);
        otherAssay.setMethod(new CodeableConcept().setText("In-house AAV5 ELISA"));

        GateFinding finding = evaluate(otherAssay);

        assertThat(finding.status()).isEqualTo(GateStatus.FAIL);
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.message()).contains("In-house AAV5 ELISA", "FDA-approved");
    }

    @Test
    void notDetectedWithoutAMethodIsAWarning() {
        GateFinding finding = evaluate(notDetected(20));

        assertThat(finding.status()).isEqualTo(GateStatus.FAIL);
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.message()).contains("method not recorded");
    }

    @Test
    void aPassForAFemalePatientSaysTheTestWasValidatedInMalesOnly() {
        Patient female = new Patient().setGender(Enumerations.AdministrativeGender.FEMALE);
        Patient male = new Patient().setGender(Enumerations.AdministrativeGender.MALE);
        Aav5TotalAntibodySettings settings = ROCTAVIAN.settings(Aav5TotalAntibodyGate.DEFINITION);

        GateFinding forHer = gate.evaluate(new GateInput<>(record().observations(byCdx(notDetected(20)))
                .with(RecordPart.PATIENT, female).build(), order(), CODES, settings, ROCTAVIAN.product()));
        GateFinding forHim = gate.evaluate(new GateInput<>(record().observations(byCdx(notDetected(20)))
                .with(RecordPart.PATIENT, male).build(), order(), CODES, settings, ROCTAVIAN.product()));

        assertThat(forHer.status()).isEqualTo(GateStatus.PASS);
        assertThat(forHer.severity()).isEqualTo(Severity.INFO);
        assertThat(forHer.message()).contains("validated in males only");
        assertThat(forHim.status()).isEqualTo(GateStatus.PASS);
        assertThat(forHim.severity()).isNotEqualTo(Severity.INFO);
        assertThat(forHim.message()).doesNotContain("males only");
    }

    @Test
    void theLatestResultDecidesOverAnOlderNegative() {
        GateFinding finding = evaluate(byCdx(notDetected(60)), byCdx(detected(5)));

        assertThat(finding.status()).isEqualTo(GateStatus.FAIL);
        assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
    }
}
