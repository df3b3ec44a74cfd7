package org.genegate.gates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.genegate.gates.GateTestSupport.POLICY;
import static org.genegate.gates.GateTestSupport.hemgenixRequest;
import static org.genegate.gates.GateTestSupport.input;
import static org.genegate.gates.GateTestSupport.loinc;
import static org.genegate.gates.GateTestSupport.order;
import static org.genegate.gates.GateTestSupport.quantity;
import static org.genegate.gates.GateTestSupport.record;

import org.genegate.findings.GateFinding;
import org.genegate.findings.GateStatus;
import org.genegate.findings.Severity;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

class OrderNotesGateTest {

    private final OrderNotesGate gate = new OrderNotesGate(POLICY.settings(WeightAndDoseGate.DEFINITION));

    private GateFinding evaluate(Observation... weights) {
        return gate.evaluate(input(record().observations(weights).build(), order(hemgenixRequest()),
                POLICY.settings(OrderNotesGate.DEFINITION)));
    }

    @Test
    void theNotesGiveTheKitSizeForTheDoseAndEachNoteItsSource() {
        GateFinding finding = evaluate(quantity(loinc("29463-7", 3), "70.5", "kg", "kg"));

        assertThat(finding.status()).isEqualTo(GateStatus.PASS);
        assertThat(finding.severity()).isEqualTo(Severity.INFO);
        assertThat(finding.message()).contains("Kit: 15 vials of 10 mL for 141 mL (70.5 kg",
                "0.9 % sodium chloride", "500 mL/h", "infusion reactions", "barrier contraception for 12 months",
                "do not donate blood, semen, organs", "long-term follow-up study");
        // Every line names its own source.
        assertThat(java.util.Arrays.stream(finding.message().split("\n- ")).skip(1).toList())
                .hasSize(6).allSatisfy(line -> assertThat(line).contains("(source: "));
        assertThat(finding.message()).contains("(source: EU SmPC 4.4)");
    }

    @Test
    void withoutAWeightTheKitSizeIsSaidUnknownAndTheNotesStand() {
        GateFinding finding = evaluate();

        assertThat(finding.severity()).isEqualTo(Severity.INFO);
        assertThat(finding.message()).contains("kit size cannot be given", "500 mL/h");
    }
}
