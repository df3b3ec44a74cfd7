package org.genegate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.genegate.findings.GateStatus;
import org.genegate.findings.Severity;
import org.genegate.findings.SourceClass;
import org.genegate.gates.Aav5TotalAntibodyGate;
import org.genegate.gates.CodingGate;
import org.genegate.gates.FactorActivityGate;
import org.genegate.gates.FactorInhibitorGate;
import org.genegate.gates.Gates;
import org.genegate.gates.WeightAndDoseGate;
import org.junit.jupiter.api.Test;

/** The shipped Roctavian (J1412) policy beside Hemgenix's: its product, gates and facts as agreed. */
class RoctavianPolicyTest {

    private static final String RESOURCE = "policy/j1412-policy.yaml";

    private static String shipped() throws IOException {
        try (InputStream in = PolicyLoader.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void bothShippedPoliciesLoadTheDefaultProductFirst() {
        Policies policies = PolicyLoader.loadShipped(Gates.ALL);

        assertThat(policies.all()).extracting(p -> p.product().billingCode()).containsExactly("J1411", "J1412");
        assertThat(policies.defaultPolicy().product().name()).isEqualTo("Hemgenix");
        assertThat(policies.byBillingCode("j1412")).hasValueSatisfying(p ->
                assertThat(p.product().name()).isEqualTo("Roctavian"));
    }

    @Test
    void theRoctavianPolicyCarriesItsProductGatesAndDose() {
        Policy policy = PolicyLoader.loadResource(RESOURCE, Gates.ALL);

        assertThat(policy.product().valueSet()).isEqualTo("http://genegate.org/fhir/ValueSet/roctavian-product");
        assertThat(policy.product().names()).containsExactly("Roctavian", "valoctocogene");
        assertThat(policy.gates()).containsKeys("fviii-activity", "fviii-inhibitor", "aav5-total-antibody")
                .doesNotContainKeys("fix-activity", "nab-aav5", "prophylaxis-or-bleeds", "coding");
        assertThat(policy.find(CodingGate.DEFINITION)).isEmpty();
        assertThat(policy.settings(FactorActivityGate.DEFINITION).belowOnly()).isTrue();
        assertThat(policy.settings(FactorActivityGate.DEFINITION).maximumPercent()).isEqualByComparingTo("1");
        assertThat(policy.settings(FactorInhibitorGate.DEFINITION).retestRule()).isFalse();
        assertThat(policy.settings(Aav5TotalAntibodyGate.DEFINITION).severities().of(GateStatus.MISSING))
                .isEqualTo(Severity.CRITICAL);
        assertThat(policy.settings(WeightAndDoseGate.DEFINITION).doseUnit()).isEqualTo("vg");
        assertThat(policy.settings(WeightAndDoseGate.DEFINITION).dosePerKg()).isEqualByComparingTo("6E13");
        assertThat(policy.settings(WeightAndDoseGate.DEFINITION).millilitresPerKg()).isEqualByComparingTo("3");
        assertThat(policy.settings(WeightAndDoseGate.DEFINITION).vialMillilitres()).isEqualByComparingTo("8");
        assertThat(policy.entries()).filteredOn(e -> e.id().equals("fviii-activity")).singleElement()
                .satisfies(e -> assertThat(e.sourceClasses()).contains(List.of(SourceClass.LABEL)));
        assertThat(policy.monitoring().weeklyTestWeeks()).isEqualTo(26);
        assertThat(policy.monitoring().followUpMonths()).isEmpty();
        assertThat(policy.monitoring().factor().activityCode()).isEqualTo("3209-4");
    }

    @Test
    void withoutFollowUpMonthsThePolicyMustSayWhatFollowsTheWeeklyPhase() throws IOException {
        String withoutNote = shipped().replaceFirst("(?m)^  afterWeeklyPhase: .*\\n", "");

        assertThatThrownBy(() -> PolicyLoader.load(new ByteArrayInputStream(withoutNote.getBytes(
                StandardCharsets.UTF_8)), "site-policy.yaml", Gates.ALL)).isInstanceOf(PolicyException.class)
                .hasMessage("site-policy.yaml: monitoring.afterWeeklyPhase: missing");
    }

    @Test
    void anUnknownSourceClassIsNamed() throws IOException {
        String typo = shipped().replace("sourceClasses: [\"US label\"]", "sourceClasses: [\"US labels\"]");

        assertThatThrownBy(() -> PolicyLoader.load(new ByteArrayInputStream(typo.getBytes(StandardCharsets.UTF_8)),
                "site-policy.yaml", Gates.ALL)).isInstanceOf(PolicyException.class)
                .hasMessageStartingWith("site-policy.yaml: gates.fviii-activity.sourceClasses[0]: 'US labels' is not");
    }

    @Test
    void twoPoliciesForOneBillingCodeAreRefused() {
        Policy roctavian = PolicyLoader.loadResource(RESOURCE, Gates.ALL);

        assertThatThrownBy(() -> new Policies(List.of(roctavian, roctavian))).isInstanceOf(PolicyException.class)
                .hasMessageContaining("J1412");
    }
}
