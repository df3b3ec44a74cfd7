package org.genegate.gates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.genegate.gates.GateTestSupport.ORDER_DATE;
import static org.genegate.gates.GateTestSupport.POLICY;
import static org.genegate.gates.GateTestSupport.input;
import static org.genegate.gates.GateTestSupport.order;
import static org.genegate.gates.GateTestSupport.record;

import java.time.LocalDate;
import org.genegate.findings.GateFinding;
import org.genegate.findings.GateStatus;
import org.genegate.findings.Severity;
import org.genegate.record.RecordPart;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

class AgeGateTest {

    private final AgeGate gate = new AgeGate();

    private GateFinding evaluate(Patient patient) {
        GateTestSupport.RecordBuilder record = record();
        if (patient != null) {
            record.with(RecordPart.PATIENT, patient);
        }
        return gate.evaluate(input(record.build(), order(), POLICY.settings(AgeGate.DEFINITION)));
    }

    private static Patient bornOn(LocalDate birthDate) {
        Patient patient = new Patient();
        patient.setId("p1");
        patient.setBirthDateElement(new DateType(birthDate.toString()));
        return patient;
    }

    @Test
    void theDayBeforeThe18thBirthdayFailsAsCritical() {
        GateFinding finding = evaluate(bornOn(ORDER_DATE.minusYears(18).plusDays(1)));

        assertThat(finding.status()).isEqualTo(GateStatus.FAIL);
        assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(finding.message()).contains("17 years old", "adults");
        assertThat(finding.source()).isEqualTo(POLICY.settings(AgeGate.DEFINITION).source());
    }

    @Test
    void the18thBirthdayPasses() {
        GateFinding finding = evaluate(bornOn(ORDER_DATE.minusYears(18)));

        assertThat(finding.status()).isEqualTo(GateStatus.PASS);
        assertThat(finding.severity()).isEqualTo(Severity.NONE);
        assertThat(finding.evidence()).singleElement().satisfies(e -> assertThat(e.reference()).isEqualTo("Patient/p1"));
    }

    @Test
    void aBirthYearAloneIsReadAsItsLastDaySoAMinorNeverLooksAdult() {
        Patient patient = new Patient();
        patient.setBirthDateElement(new DateType(String.valueOf(ORDER_DATE.getYear() - 18)));

        assertThat(evaluate(patient).status()).isEqualTo(GateStatus.FAIL);
    }

    @Test
    void noBirthDateIsMissingAsWarning() {
        GateFinding finding = evaluate(new Patient());

        assertThat(finding.status()).isEqualTo(GateStatus.MISSING);
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void noPatientIsMissing() {
        assertThat(evaluate(null).status()).isEqualTo(GateStatus.MISSING);
    }
}
