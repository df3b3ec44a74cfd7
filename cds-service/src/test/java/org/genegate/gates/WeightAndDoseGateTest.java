package org.genegate.gates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.genegate.gates.GateTestSupport.POLICY;
import static org.genegate.gates.GateTestSupport.hemgenixRequest;
import static org.genegate.gates.GateTestSupport.input;
import static org.genegate.gates.GateTestSupport.loinc;
import static org.genegate.gates.GateTestSupport.order;
import static org.genegate.gates.GateTestSupport.quantity;
import static org.genegate.gates.GateTestSupport.record;
import static org.genegate.gates.GateTestSupport.withDose;

import java.math.BigDecimal;
import org.genegate.findings.GateFinding;
import org.genegate.findings.GateStatus;
import org.genegate.findings.Remedy;
import org.genegate.findings.Severity;
import org.genegate.orders.DraftOrder;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

class WeightAndDoseGateTest {

    private final WeightAndDoseGate gate = new WeightAndDoseGate();

    private static Observation kg(String value, int days) {
        return quantity(loinc("29463-7", days), value, "kg", "kg");
    }

    private GateFinding evaluate(MedicationRequest request, Observation... weights) {
        return gate.evaluate(input(record().observations(weights).build(), order(request), POLICY.settings(WeightAndDoseGate.DEFINITION)));
    }

    private static MedicationRequest ml(String value) {
        return withDose(hemgenixRequest(), value, "mL", "mL");
    }

    private static Remedy.UpdateDose update(GateFinding finding) {
        assertThat(finding.remedies()).singleElement().isInstanceOf(Remedy.UpdateDose.class);
        return (Remedy.UpdateDose) finding.remedies().get(0);
    }

    @Test
    void theLabelExample70KgIs140MlAnd14Vials() {
        GateFinding finding = evaluate(ml("140"), kg("70", 3));

        assertThat(finding.status()).isEqualTo(GateStatus.PASS);
        assertThat(finding.message()).contains("140 mL = 1.4 × 10^15 gc, 14 vials", "70 kg");
    }

    @Test
    void fourPercentOffInMlPassesAndSixPercentFails() {
        assertThat(evaluate(ml("145.6"), kg("70", 3)).status()).isEqualTo(GateStatus.PASS);
        assertThat(evaluate(ml("134.4"), kg("70", 3)).status()).isEqualTo(GateStatus.PASS);

        GateFinding above = evaluate(ml("148.4"), kg("70", 3));
        assertThat(above.status()).isEqualTo(GateStatus.FAIL);
        assertThat(above.severity()).isEqualTo(Severity.WARNING);
        assertThat(above.message()).contains("6 % above");
        Remedy.UpdateDose dose = update(above);
        assertThat(dose.volumeMl()).isEqualByComparingTo("140");
        assertThat(dose.genomeCopies()).isEqualByComparingTo("1.4E15");
        assertThat(dose.vials()).isEqualTo(14);
        assertThat(dose.weightKg()).isEqualByComparingTo("70");

        assertThat(evaluate(ml("131.6"), kg("70", 3)).status()).isEqualTo(GateStatus.FAIL);
    }

    @Test
    void exactlyFivePercentPasses() {
        assertThat(evaluate(ml("147"), kg("70", 3)).status()).isEqualTo(GateStatus.PASS);
    }

    @Test
    void fourPercentOffInGenomeCopiesPassesAndSixPercentFails() {
        assertThat(evaluate(withDose(hemgenixRequest(), "1.456E15", "gc", "{gc}"), kg("70", 3)).status())
                .isEqualTo(GateStatus.PASS);
        assertThat(evaluate(withDose(hemgenixRequest(), "1.484E15", "gc", "{gc}"), kg("70", 3)).status())
                .isEqualTo(GateStatus.FAIL);
    }

    @Test
    void vgUnitTextIsReadAsGenomeCopies() {
        assertThat(evaluate(withDose(hemgenixRequest(), "1.344E15", "vg", null), kg("70", 3)).status())
                .isEqualTo(GateStatus.PASS);
        assertThat(evaluate(withDose(hemgenixRequest(), "1.316E15", "vg", null), kg("70", 3)).status())
                .isEqualTo(GateStatus.FAIL);
    }

    @Test
    void weightInGramsAndPoundsIsConverted() {
        assertThat(evaluate(ml("140"), quantity(loinc("29463-7", 3), "70000", "g", "g")).status())
                .isEqualTo(GateStatus.PASS);

        GateFinding pounds = evaluate(ml("100"), quantity(loinc("29463-7", 3), "154.3", "lb", "[lb_av]"));
        assertThat(pounds.status()).isEqualTo(GateStatus.FAIL);
        Remedy.UpdateDose dose = update(pounds);
        // 154.3 lb × 0.45359237 = 69.989302... kg → 139.98 mL
        assertThat(dose.weightKg()).isEqualByComparingTo("69.99");
        assertThat(dose.volumeMl()).isEqualByComparingTo("140");
        assertThat(dose.vials()).isEqualTo(14);
        assertThat(evaluate(ml("140"), quantity(loinc("29463-7", 3), "154.3", "lbs", null)).status())
                .isEqualTo(GateStatus.PASS);
    }

    @Test
    void vialsRoundUp() {
        Remedy.UpdateDose dose = update(evaluate(ml("1"), kg("72.5", 3)));

        assertThat(dose.volumeMl()).isEqualByComparingTo(new BigDecimal("145"));
        assertThat(dose.vials()).isEqualTo(15);
    }

    @Test
    void aWeight30DaysOldCountsAnd31DaysOldIsStale() {
        assertThat(evaluate(ml("140"), kg("70", 30)).status()).isEqualTo(GateStatus.PASS);

        GateFinding stale = evaluate(ml("140"), kg("70", 31));
        assertThat(stale.status()).isEqualTo(GateStatus.STALE);
        assertThat(stale.remedies()).singleElement().isInstanceOfSatisfying(Remedy.OrderTest.class,
                r -> assertThat(r.code()).isEqualTo("29463-7"));
    }

    @Test
    void theLatestReadableWeightCounts() {
        assertThat(evaluate(ml("140"), kg("90", 20), kg("70", 2)).status()).isEqualTo(GateStatus.PASS);
    }

    @Test
    void noWeightIsMissing() {
        GateFinding finding = evaluate(ml("140"));

        assertThat(finding.status()).isEqualTo(GateStatus.MISSING);
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void noDoseIsMissingWithTheComputedDose() {
        GateFinding finding = evaluate(hemgenixRequest(), kg("70", 3));

        assertThat(finding.status()).isEqualTo(GateStatus.MISSING);
        assertThat(update(finding).volumeMl()).isEqualByComparingTo("140");
    }

    @Test
    void aDoseInAnUnknownUnitFails() {
        GateFinding finding = evaluate(withDose(hemgenixRequest(), "14", "vials", null), kg("70", 3));

        assertThat(finding.status()).isEqualTo(GateStatus.FAIL);
        assertThat(update(finding).vials()).isEqualTo(14);
    }

    @Test
    void withoutAProposedOrderTheGateGivesTheWeightBasedDoseAndAsksForTheOrder() {
        DraftOrder none = DraftOrder.none("p1", GateTestSupport.ORDER_DATE);

        GateFinding finding = gate.evaluate(input(record().observations(kg("70", 3)).build(), none,
                POLICY.settings(WeightAndDoseGate.DEFINITION)));

        assertThat(finding.status()).isEqualTo(GateStatus.MISSING);
        assertThat(finding.message()).contains("No proposed Hemgenix order", "140 mL", "Send the proposed order");
        assertThat(update(finding).volumeMl()).isEqualByComparingTo("140");
    }
}
