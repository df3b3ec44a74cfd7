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
import static org.genegate.gates.GateTestSupport.text;

import org.genegate.findings.GateFinding;
import org.genegate.findings.GateStatus;
import org.genegate.findings.Remedy;
import org.genegate.findings.Severity;
import org.genegate.findings.SourceClass;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

class FactorInhibitorGateTest {

    private final FactorInhibitorGate gate = new FactorInhibitorGate();

    private GateFinding evaluate(Observation... observations) {
        return gate.evaluate(input(record().observations(observations).build(), order(), POLICY.settings(FactorInhibitorGate.DEFINITION)));
    }

    private static Observation bethesda(String bu, int daysBeforeOrder) {
        return quantity(loinc("3185-6", daysBeforeOrder), bu, "BU/mL", "[beth'U]/mL");
    }

    private static void assertOrdersBethesda(GateFinding finding) {
        assertThat(finding.remedies()).singleElement().isInstanceOfSatisfying(Remedy.OrderTest.class, r -> {
            assertThat(r.system()).isEqualTo("http://loinc.org");
            assertThat(r.code()).isEqualTo("3185-6");
            assertThat(r.display()).startsWith("Coagulation factor IX inhibitor");
        });
    }

    @Test
    void noResultIsMissingWithAnOrderForTheBethesdaTest() {
        GateFinding finding = evaluate();

        assertThat(finding.status()).isEqualTo(GateStatus.MISSING);
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertOrdersBethesda(finding);
    }

    @Test
    void belowThresholdPasses() {
        GateFinding finding = evaluate(bethesda("0.59", 3));

        assertThat(finding.status()).isEqualTo(GateStatus.PASS);
        assertThat(finding.message()).contains("0.59");
    }

    @Test
    void exactlyTheThresholdIsPositiveAndAsksForARetest() {
        GateFinding finding = evaluate(bethesda("0.6", 3));

        assertThat(finding.status()).isEqualTo(GateStatus.FAIL);
        assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(finding.message()).contains("the US label says retest in about 2 weeks",
                ">= 0.6 BU, a payer cut-off (Aetna CPB 1023)", "the US label sets no Bethesda cut-off")
                .doesNotContain("positive (label)");
        assertThat(finding.sourceClasses()).containsExactly(SourceClass.LABEL, SourceClass.PAYER);
        assertOrdersBethesda(finding);
    }

    @Test
    void plainBuTextUnitsAndAUnitlessBethesdaValueAreRead() {
        assertThat(evaluate(quantity(loinc("3185-6", 3), "0.8", "BU", null)).status()).isEqualTo(GateStatus.FAIL);
        assertThat(evaluate(quantity(loinc("3185-6", 3), "0.8", "[beth'U]", "[beth'U]")).status())
                .isEqualTo(GateStatus.FAIL);
        Observation unitless = loinc("3185-6", 3);
        unitless.setValue(new org.hl7.fhir.r4.model.Quantity().setValue(0.8));
        assertThat(evaluate(unitless).status()).isEqualTo(GateStatus.FAIL);
    }

    @Test
    void onePositiveAfterANegativeAsksForARetest() {
        GateFinding finding = evaluate(bethesda("0.3", 20), bethesda("1.1", 2));

        assertThat(finding.status()).isEqualTo(GateStatus.FAIL);
        assertThat(finding.message()).contains("retest");
    }

    @Test
    void twoPositivesInARowMeanDoNotGive() {
        GateFinding finding = evaluate(bethesda("0.9", 16), bethesda("1.1", 2));

        assertThat(finding.status()).isEqualTo(GateStatus.FAIL);
        assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(finding.message()).contains("Two positive", "the US label says do not give Hemgenix",
                "a payer cut-off");
        assertThat(finding.remedies()).isEmpty();
        assertThat(finding.evidence()).hasSize(2);
    }

    @Test
    void aCurrentNegativeAfterAnEarlierPositiveFailsWithTheHistorySeverity() {
        GateFinding finding = evaluate(bethesda("2.0", 400), bethesda("0.2", 5));

        assertThat(finding.status()).isEqualTo(GateStatus.FAIL);
        assertThat(finding.severity()).isEqualTo(POLICY.settings(FactorInhibitorGate.DEFINITION).historySeverity()).isEqualTo(Severity.WARNING);
        assertThat(finding.message()).contains("earlier one was positive", "Aetna");
    }

    @Test
    void aNegative30DaysOldPassesAnd31DaysOldIsStale() {
        assertThat(evaluate(bethesda("0.1", 30)).status()).isEqualTo(GateStatus.PASS);

        GateFinding stale = evaluate(bethesda("0.1", 31));
        assertThat(stale.status()).isEqualTo(GateStatus.STALE);
        assertThat(stale.severity()).isEqualTo(Severity.WARNING);
        assertOrdersBethesda(stale);
    }

    @Test
    void presenceResultsAreReadFromSnomedCodesAndInterpretation() {
        assertThat(evaluate(snomedValue(loinc("30086-3", 3), "260373001", "Detected")).status())
                .isEqualTo(GateStatus.FAIL);
        assertThat(evaluate(snomedValue(loinc("30086-3", 3), "10828004", "Positive")).status())
                .isEqualTo(GateStatus.FAIL);
        assertThat(evaluate(snomedValue(loinc("30086-3", 3), "260385009", "Negative")).status())
                .isEqualTo(GateStatus.PASS);
        assertThat(evaluate(interpretation(text(loinc("30086-3", 3), "see comment"), "POS")).status())
                .isEqualTo(GateStatus.FAIL);
    }

    @Test
    void aHighInterpretationOnALowNumberStillCountsAsPositive() {
        assertThat(evaluate(interpretation(bethesda("0.4", 3), "H")).status()).isEqualTo(GateStatus.FAIL);
    }

    @Test
    void preliminaryAndEnteredInErrorResultsAreIgnored() {
        Observation preliminary = bethesda("5", 1).setStatus(Observation.ObservationStatus.PRELIMINARY);
        Observation wrong = bethesda("5", 1).setStatus(Observation.ObservationStatus.ENTEREDINERROR);

        assertThat(evaluate(preliminary, wrong, bethesda("0.1", 4)).status()).isEqualTo(GateStatus.PASS);
    }

    @Test
    void anUnreadableNewestResultCannotBeCoveredByAnOlderNegative() {
        GateFinding finding = evaluate(bethesda("0.1", 10), text(loinc("3185-6", 1), "pending review"));

        assertThat(finding.status()).isEqualTo(GateStatus.MISSING);
        assertOrdersBethesda(finding);
    }
}
