package org.genegate.gates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.genegate.gates.GateTestSupport.CODES;
import static org.genegate.gates.GateTestSupport.loinc;
import static org.genegate.gates.GateTestSupport.order;
import static org.genegate.gates.GateTestSupport.quantity;
import static org.genegate.gates.GateTestSupport.record;

import java.util.List;
import org.genegate.findings.GateFinding;
import org.genegate.findings.GateStatus;
import org.genegate.findings.Severity;
import org.genegate.findings.SourceClass;
import org.genegate.policy.Policy;
import org.genegate.policy.PolicyGate;
import org.genegate.policy.PolicyLoader;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

/**
 * The factor-activity and factor-inhibitor kinds run for FVIII under Roctavian's own gate ids and settings: a strict
 * {@code < 1 IU/dL}, the FVIII codes, and no retest rule.
 */
class FactorGatesForFviiiTest {

    private static final Policy ROCTAVIAN = PolicyLoader.loadResource("policy/j1412-policy.yaml", Gates.ALL);

    private static <S extends org.genegate.policy.GateSettings> GateInput<S> input(String gateId,
                                                                                   Class<S> type,
                                                                                   Observation... observations) {
        PolicyGate gate = ROCTAVIAN.entries().stream().filter(e -> e.id().equals(gateId)).findFirst().orElseThrow();
        return new GateInput<>(record().observations(observations).build(), order(), CODES,
                type.cast(gate.settings()), ROCTAVIAN.product(), gateId, List.of(SourceClass.LABEL));
    }

    private static GateFinding activity(Observation... observations) {
        return new FactorActivityGate().evaluate(input("fviii-activity", FactorActivitySettings.class, observations));
    }

    private static GateFinding inhibitor(Observation... observations) {
        return new FactorInhibitorGate().evaluate(input("fviii-inhibitor", FactorInhibitorSettings.class,
                observations));
    }

    @Test
    void theGatesRunUnderRoctaviansIdsAndKinds() {
        assertThat(ROCTAVIAN.entries()).filteredOn(e -> e.id().startsWith("fviii-"))
                .extracting(e -> e.id() + "=" + e.kind())
                .containsExactly("fviii-inhibitor=factor-inhibitor", "fviii-activity=factor-activity");
        assertThat(activity(quantity(loinc("3209-4", 5), "0.5", "IU/dL", "[IU]/dL")).gateId())
                .isEqualTo("fviii-activity");
    }

    @Test
    void fviiiActivityBelowOnePasses() {
        GateFinding finding = activity(quantity(loinc("3209-4", 5), "0.9", "IU/dL", "[IU]/dL"));

        assertThat(finding.status()).isEqualTo(GateStatus.PASS);
        assertThat(finding.message()).contains("FVIII activity", "one-stage assay (LOINC 3209-4)");
    }

    @Test
    void fviiiActivityOfExactlyOneFailsTheStrictLabelLimit() {
        GateFinding finding = activity(quantity(loinc("49865-9", 5), "1", "IU/dL", "[IU]/dL"));

        assertThat(finding.status()).isEqualTo(GateStatus.FAIL);
        assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(finding.message()).contains("< 1 %", "chromogenic assay (LOINC 49865-9)", "US label");
    }

    @Test
    void aFixActivityResultDoesNotCountForFviii() {
        GateFinding finding = activity(quantity(loinc("3187-2", 5), "0.5", "%", "%"));

        assertThat(finding.status()).isEqualTo(GateStatus.MISSING);
        assertThat(finding.message()).contains("No readable FVIII activity result");
    }

    @Test
    void onePositiveFviiiInhibitorMeansDoNotGiveWithoutARetest() {
        GateFinding finding = inhibitor(quantity(loinc("3204-5", 3), "0.6", "[arb'U]/mL", "[arb'U]/mL"));

        assertThat(finding.status()).isEqualTo(GateStatus.FAIL);
        assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(finding.message()).contains("FVIII inhibitor test is positive", "do not give Roctavian")
                .doesNotContain("retest");
        assertThat(finding.remedies()).isEmpty();
    }

    @Test
    void aNegativeFviiiInhibitorInArbitraryUnitsPasses() {
        GateFinding finding = inhibitor(quantity(loinc("3204-5", 3), "0.5", "[arb'U]/mL", "[arb'U]/mL"));

        assertThat(finding.status()).isEqualTo(GateStatus.PASS);
    }
}
