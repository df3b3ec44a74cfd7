package org.genegate.gates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.genegate.gates.GateTestSupport.POLICY;
import static org.genegate.gates.GateTestSupport.input;
import static org.genegate.gates.GateTestSupport.loinc;
import static org.genegate.gates.GateTestSupport.order;
import static org.genegate.gates.GateTestSupport.quantity;
import static org.genegate.gates.GateTestSupport.record;
import static org.genegate.gates.GateTestSupport.text;

import org.genegate.findings.GateFinding;
import org.genegate.findings.GateStatus;
import org.genegate.findings.Remedy;
import org.genegate.findings.Severity;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

class FactorActivityGateTest {

    private final FactorActivityGate gate = new FactorActivityGate();

    private GateFinding evaluate(Observation... observations) {
        return gate.evaluate(input(record().observations(observations).build(), order(), POLICY.settings(FactorActivityGate.DEFINITION)));
    }

    @Test
    void twoPercentPassesAndMoreFailsAsWarning() {
        assertThat(evaluate(quantity(loinc("3187-2", 10), "2", "%", "%")).status()).isEqualTo(GateStatus.PASS);

        GateFinding finding = evaluate(quantity(loinc("3187-2", 10), "2.1", "%", "%"));
        assertThat(finding.status()).isEqualTo(GateStatus.FAIL);
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.message()).contains("not a label criterion");
    }

    @Test
    void iuPerDlReadsAsPercent() {
        assertThat(evaluate(quantity(loinc("3186-4", 10), "1", "IU/dL", "[IU]/dL")).status()).isEqualTo(GateStatus.PASS);
        assertThat(evaluate(quantity(loinc("3186-4", 10), "5", "IU/dL", null)).status()).isEqualTo(GateStatus.FAIL);
    }

    @Test
    void theLowestValueOfAnyDateCounts() {
        GateFinding finding = evaluate(quantity(loinc("3187-2", 2000), "1", "%", "%"),
                quantity(loinc("3187-2", 3), "35", "%", "%"));

        assertThat(finding.status()).isEqualTo(GateStatus.PASS);
        assertThat(finding.evidence()).hasSize(2);
    }

    @Test
    void noReadableValueIsMissingWithAnOrderFor3187() {
        GateFinding finding = evaluate(text(loinc("3187-2", 3), "hemolysed"));

        assertThat(finding.status()).isEqualTo(GateStatus.MISSING);
        assertThat(finding.remedies()).singleElement().isInstanceOfSatisfying(Remedy.OrderTest.class, r -> {
            assertThat(r.code()).isEqualTo("3187-2");
            assertThat(r.display()).startsWith("Coagulation factor IX activity");
        });
    }
}
