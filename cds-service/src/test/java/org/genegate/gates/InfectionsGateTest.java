package org.genegate.gates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.genegate.gates.GateTestSupport.POLICY;
import static org.genegate.gates.GateTestSupport.input;
import static org.genegate.gates.GateTestSupport.interpretation;
import static org.genegate.gates.GateTestSupport.loinc;
import static org.genegate.gates.GateTestSupport.order;
import static org.genegate.gates.GateTestSupport.quantity;
import static org.genegate.gates.GateTestSupport.record;
import static org.genegate.gates.GateTestSupport.snomedValue;

import java.util.ArrayList;
import java.util.List;
import org.genegate.findings.GateFinding;
import org.genegate.findings.GateStatus;
import org.genegate.findings.Remedy;
import org.genegate.findings.Severity;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

class InfectionsGateTest {

    private final InfectionsGate gate = new InfectionsGate();

    private GateFinding evaluate(Observation... observations) {
        return gate.evaluate(input(record().observations(observations).build(), order(), POLICY.settings(InfectionsGate.DEFINITION)));
    }

    private static Observation negative(String code) {
        return snomedValue(loinc(code, 20), "260385009", "Negative");
    }

    private static Observation positive(String code) {
        return snomedValue(loinc(code, 20), "10828004", "Positive");
    }

    /** The three screens negative, plus the given results. */
    private GateFinding withNegativeScreens(Observation... more) {
        List<Observation> all = new ArrayList<>(List.of(negative("5196-1"), negative("13955-0"), negative("56888-1")));
        all.addAll(List.of(more));
        return evaluate(all.toArray(Observation[]::new));
    }

    private static List<String> orderedCodes(GateFinding finding) {
        return finding.remedies().stream().map(r -> ((Remedy.OrderTest) r).code()).toList();
    }

    @Test
    void negativeScreensPass() {
        assertThat(withNegativeScreens().status()).isEqualTo(GateStatus.PASS);
    }

    @Test
    void missingScreensAreEachOrdered() {
        GateFinding finding = evaluate();

        assertThat(finding.status()).isEqualTo(GateStatus.MISSING);
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(orderedCodes(finding)).containsExactly("5196-1", "13955-0", "56888-1");
    }

    @Test
    void positiveHbsagFailsAsWarning() {
        GateFinding finding = evaluate(positive("5196-1"), negative("13955-0"), negative("56888-1"));

        assertThat(finding.status()).isEqualTo(GateStatus.FAIL);
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.message()).contains("HBsAg is positive", "resubmitted prior authorization");
    }

    @Test
    void detectableHcvRnaFails() {
        GateFinding finding = withNegativeScreens(quantity(loinc("11011-4", 5), "1200", "IU/mL", "[IU]/mL"));

        assertThat(finding.status()).isEqualTo(GateStatus.FAIL);
        assertThat(finding.message()).contains("HCV RNA is detected");
    }

    @Test
    void positiveHcvAntibodyWithoutRnaAsksForRna() {
        GateFinding finding = evaluate(negative("5196-1"), positive("13955-0"), negative("56888-1"));

        assertThat(finding.status()).isEqualTo(GateStatus.MISSING);
        assertThat(orderedCodes(finding)).containsExactly("11011-4");
    }

    @Test
    void positiveHcvAntibodyWithUndetectableRnaPasses() {
        assertThat(evaluate(negative("5196-1"), positive("13955-0"), negative("56888-1"),
                snomedValue(loinc("11011-4", 5), "260415000", "Not detected")).status()).isEqualTo(GateStatus.PASS);
    }

    @Test
    void hivIsAcceptableWhenControlledByViralLoadOrCd4() {
        Observation hiv = positive("56888-1");
        assertThat(evaluate(negative("5196-1"), negative("13955-0"), hiv,
                quantity(loinc("20447-9", 5), "200", "copies/mL", "{copies}/mL")).status()).isEqualTo(GateStatus.PASS);
        assertThat(evaluate(negative("5196-1"), negative("13955-0"), hiv,
                quantity(loinc("20447-9", 5), "5000", "copies/mL", "{copies}/mL"),
                quantity(loinc("24467-3", 5), "200", "cells/uL", "/uL")).status()).isEqualTo(GateStatus.PASS);
    }

    @Test
    void uncontrolledHivFails() {
        GateFinding finding = evaluate(negative("5196-1"), negative("13955-0"), positive("56888-1"),
                quantity(loinc("20447-9", 5), "201", "copies/mL", "{copies}/mL"),
                quantity(loinc("24467-3", 5), "199", "cells/uL", "/uL"));

        assertThat(finding.status()).isEqualTo(GateStatus.FAIL);
        assertThat(finding.message()).contains("HIV screen is positive");
    }

    @Test
    void interpretationCodesAreRead() {
        Observation hbsag = interpretation(loinc("5196-1", 3), "DET");

        assertThat(evaluate(hbsag, negative("13955-0"), negative("56888-1")).status()).isEqualTo(GateStatus.FAIL);
    }
}
