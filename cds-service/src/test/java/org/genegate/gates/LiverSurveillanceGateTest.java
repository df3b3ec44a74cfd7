package org.genegate.gates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.genegate.gates.GateTestSupport.CODES;
import static org.genegate.gates.GateTestSupport.ORDER_DATE;
import static org.genegate.gates.GateTestSupport.POLICY;
import static org.genegate.gates.GateTestSupport.input;
import static org.genegate.gates.GateTestSupport.order;
import static org.genegate.gates.GateTestSupport.record;

import org.genegate.findings.GateFinding;
import org.genegate.findings.GateStatus;
import org.genegate.findings.Severity;
import org.genegate.findings.SourceClass;
import org.genegate.record.PatientRecord;
import org.genegate.record.RecordPart;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

class LiverSurveillanceGateTest {

    private final Gate<LiverSurveillanceSettings> gate = LiverSurveillanceGate.DEFINITION.gate(POLICY);

    private GateFinding evaluate(PatientRecord record) {
        return gate.evaluate(input(record, order(), POLICY.settings(LiverSurveillanceGate.DEFINITION)));
    }

    private static Condition condition(String icd10, String clinicalStatus) {
        Condition condition = new Condition();
        condition.setId("c-" + icd10);
        condition.setCode(new CodeableConcept(new Coding(GeneGateTerminology.ICD10CM, icd10, "Cirrhosis of liver")));
        condition.setClinicalStatus(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/condition-clinical", clinicalStatus, null)));
        return condition;
    }

    private static Patient aged(int years) {
        Patient patient = new Patient();
        patient.setId("p1");
        patient.setBirthDateElement(new DateType(ORDER_DATE.minusYears(years).toString()));
        return patient;
    }

    @Test
    void withoutRiskFactorsItPassesSilently() {
        GateFinding finding = evaluate(record().with(RecordPart.PATIENT, aged(40)).build());

        assertThat(finding.status()).isEqualTo(GateStatus.PASS);
        assertThat(finding.severity()).isEqualTo(Severity.NONE);
        assertThat(finding.message()).contains("No liver cancer risk factors");
    }

    @Test
    void cirrhosisOnTheProblemListAsksForYearlySurveillanceAsInformation() {
        GateFinding finding = evaluate(record().with(RecordPart.PATIENT, aged(40))
                .with(RecordPart.CONDITIONS, condition("K74.60", "active")).build());

        assertThat(finding.gateId()).isEqualTo("liver-surveillance");
        assertThat(finding.status()).isEqualTo(GateStatus.PASS);
        assertThat(finding.severity()).isEqualTo(Severity.INFO);
        assertThat(finding.message()).contains("K74.60", "liver ultrasound and alpha-fetoprotein",
                "at least 5 years");
        assertThat(finding.source()).startsWith("US label §5.3");
        assertThat(finding.sourceClasses()).containsExactly(SourceClass.LABEL);
    }

    @Test
    void aResolvedConditionIsNoRiskFactor() {
        GateFinding finding = evaluate(record().with(RecordPart.PATIENT, aged(40))
                .with(RecordPart.CONDITIONS, condition("K74.60", "resolved")).build());

        assertThat(finding.severity()).isEqualTo(Severity.NONE);
    }

    @Test
    void ageFromThePolicysMonitoringSectionCountsOnTheOrderDate() {
        int riskAge = POLICY.monitoring().liverCancerRiskAgeYears();

        assertThat(evaluate(record().with(RecordPart.PATIENT, aged(riskAge)).build()).message())
                .contains("age " + riskAge);
        assertThat(evaluate(record().with(RecordPart.PATIENT, aged(riskAge - 1)).build()).severity())
                .isEqualTo(Severity.NONE);
    }

    @Test
    void unreadConditionsAreCouldNotVerifyNeverAPass() {
        PatientRecord record = record().with(RecordPart.PATIENT, aged(40))
                .unavailable(RecordPart.CONDITIONS, "timed out").build();

        GateFinding finding = new GateEngine(POLICY, CODES).assess(record, order()).findings().stream()
                .filter(f -> f.gateId().equals("liver-surveillance")).findFirst().orElseThrow();

        assertThat(finding.status()).isEqualTo(GateStatus.COULD_NOT_VERIFY);
        assertThat(finding.severity()).isEqualTo(Severity.INFO);
        assertThat(finding.message()).contains("liver cancer risk factors", "conditions could not be fetched");
    }
}
