package org.genegate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.genegate.findings.GateStatus;
import org.genegate.findings.Severity;
import org.genegate.gates.AgeGate;
import org.genegate.gates.BaselineLiverGate;
import org.genegate.gates.CodingGate;
import org.genegate.gates.FactorActivityGate;
import org.genegate.gates.FactorInhibitorGate;
import org.genegate.gates.Gates;
import org.genegate.gates.InfectionsGate;
import org.genegate.gates.NabAav5Gate;
import org.genegate.gates.PayerEntry;
import org.genegate.gates.PayerGate;
import org.genegate.gates.PrescriberGate;
import org.genegate.gates.PriorAuthorization;
import org.genegate.gates.PriorGeneTherapyGate;
import org.genegate.gates.SiteOfCareGate;
import org.genegate.gates.WeightAndDoseGate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyLoaderTest {

    private static final String SHIPPED = shipped();

    private static String shipped() {
        try (InputStream in = PolicyLoader.class.getClassLoader().getResourceAsStream(PolicyLoader.DEFAULT_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The shipped policy with one exact piece of text replaced (the text must occur). */
    private static String shippedWith(String original, String replacement) {
        assertThat(SHIPPED).contains(original);
        return SHIPPED.replaceFirst(java.util.regex.Pattern.quote(original),
                java.util.regex.Matcher.quoteReplacement(replacement));
    }

    private static Policy load(String yaml) {
        return PolicyLoader.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "site-policy.yaml", Gates.ALL);
    }

    @Test
    void theShippedPolicyLoadsWithTheAgreedDefaults() {
        Policy policy = PolicyLoader.loadDefault(Gates.ALL);

        assertThat(policy.version()).isEqualTo("2026.12.02");
        assertThat(policy.gates().keySet()).containsExactly("age", "prior-gene-therapy", "fix-inhibitor", "nab-aav5",
                "diagnosis", "fix-activity", "prophylaxis-or-bleeds", "infections", "baseline-liver",
                "monitoring-plan", "weight-and-dose", "site-of-care", "prescriber", "coding", "payer", "order-notes",
                "liver-surveillance");
        assertThat(policy.gates().values()).allSatisfy(g -> {
            assertThat(g.enabled()).isTrue();
            assertThat(g.source()).isNotBlank();
        });
        assertThat(policy.settings(AgeGate.DEFINITION).minimumAgeYears()).isEqualTo(18);
        assertThat(policy.settings(AgeGate.DEFINITION).severities().of(GateStatus.FAIL)).isEqualTo(Severity.CRITICAL);
        assertThat(policy.settings(FactorInhibitorGate.DEFINITION).windowDays()).isEqualTo(30);
        assertThat(policy.settings(FactorInhibitorGate.DEFINITION).positiveThresholdBu()).isEqualByComparingTo("0.6");
        assertThat(policy.settings(FactorInhibitorGate.DEFINITION).historySeverity()).isEqualTo(Severity.WARNING);
        assertThat(policy.settings(NabAav5Gate.DEFINITION).windowDays()).isEqualTo(180);
        assertThat(policy.settings(NabAav5Gate.DEFINITION).clinicalStudyTiterLimit()).isEqualByComparingTo("678");
        assertThat(policy.settings(NabAav5Gate.DEFINITION).extendedRangeTiterLimit()).isEqualByComparingTo("898");
        assertThat(policy.settings(NabAav5Gate.DEFINITION).severities().of(GateStatus.FAIL)).isEqualTo(Severity.WARNING);
        assertThat(policy.settings(NabAav5Gate.DEFINITION).source()).startsWith("EU SmPC 4.4").contains("US label sets no cutoff");
        assertThat(policy.settings(PriorGeneTherapyGate.DEFINITION).duplicateOrderSeverity()).isEqualTo(Severity.WARNING);
        assertThat(policy.settings(BaselineLiverGate.DEFINITION).imagingWindowDays()).isEqualTo(180);
        assertThat(policy.settings(BaselineLiverGate.DEFINITION).advancedDiseaseSeverity()).isEqualTo(Severity.CRITICAL);
        assertThat(policy.settings(BaselineLiverGate.DEFINITION).stiffnessAdvancedKpa()).isEqualByComparingTo("15");
        assertThat(policy.settings(BaselineLiverGate.DEFINITION).stiffnessSuggestiveKpa()).isEqualByComparingTo("10");
        assertThat(policy.settings(BaselineLiverGate.DEFINITION).advancedDisease("http://snomed.info/sct", "19943007")).isTrue();
        assertThat(policy.settings(FactorActivityGate.DEFINITION).maximumPercent()).isEqualByComparingTo("2");
        assertThat(policy.settings(InfectionsGate.DEFINITION).hivRnaMaxCopiesPerMl()).isEqualByComparingTo("200");
        assertThat(policy.settings(InfectionsGate.DEFINITION).cd4MinCellsPerUl()).isEqualByComparingTo("200");
        assertThat(policy.settings(BaselineLiverGate.DEFINITION).windowDays()).isEqualTo(30);
        assertThat(policy.settings(BaselineLiverGate.DEFINITION).ulnMultiple()).isEqualByComparingTo("3");
        assertThat(policy.settings(BaselineLiverGate.DEFINITION).defaultUpperLimit("1742-6", "U/L")).hasValueSatisfying(
                v -> assertThat(v).isEqualByComparingTo("40"));
        assertThat(policy.settings(BaselineLiverGate.DEFINITION).defaultUpperLimit("1975-2", "µmol/L")).hasValueSatisfying(
                v -> assertThat(v).isEqualByComparingTo("21"));
        assertThat(policy.settings(WeightAndDoseGate.DEFINITION).windowDays()).isEqualTo(30);
        assertThat(policy.settings(WeightAndDoseGate.DEFINITION).dosePerKg()).isEqualByComparingTo("2E13");
        assertThat(policy.settings(WeightAndDoseGate.DEFINITION).millilitresPerKg()).isEqualByComparingTo("2");
        assertThat(policy.settings(WeightAndDoseGate.DEFINITION).vialMillilitres()).isEqualByComparingTo("10");
        assertThat(policy.settings(WeightAndDoseGate.DEFINITION).tolerancePercent()).isEqualByComparingTo("5");
        assertThat(policy.settings(CodingGate.DEFINITION).infusionRateMlPerHour()).isEqualByComparingTo("500");
        assertThat(policy.settings(CodingGate.DEFINITION).addOnThresholdMinutes()).isEqualTo(90);
        assertThat(policy.settings(PriorGeneTherapyGate.DEFINITION).otherGeneTherapyNames()).containsExactly("Beqvez", "fidanacogene elaparvovec");
        assertThat(policy.settings(PrescriberGate.DEFINITION).severities().of(GateStatus.MISSING)).isEqualTo(Severity.NONE);
        assertThat(policy.settings(SiteOfCareGate.DEFINITION).severities().of(GateStatus.MISSING)).isEqualTo(Severity.INFO);
    }

    private static PayerEntry payer(Policy policy, String payerId) {
        return policy.settings(PayerGate.DEFINITION).payers().stream().filter(p -> p.id().equals(payerId))
                .findFirst().orElseThrow();
    }

    @Test
    void theShippedPayerTableAndLinksAreTheCorrectedOnes() {
        Policy policy = PolicyLoader.loadDefault(Gates.ALL);

        assertThat(policy.settings(PayerGate.DEFINITION).payers()).extracting(PayerEntry::id)
                .containsExactly("uhc", "aetna", "bcbs", "cigna", "medicaid", "medicare-part-b");
        assertThat(payer(policy, "uhc").match()).contains("unitedhealthcare", "optum", "uhc");
        assertThat(payer(policy, "medicare-part-b").documentation())
                .contains("MAC LCD: none found for J1411; check the MAC");
        assertThat(payer(policy, "medicare-part-b").priorAuthorization())
                .isEqualTo(PriorAuthorization.VARIES);
        assertThat(String.join(" ", payer(policy, "medicaid").documentation()))
                .doesNotContainIgnoringCase("access model");
        assertThat(policy.links()).anySatisfy(l -> {
            assertThat(l.label()).contains("HEMGENIX Connect", "1-833-436-0021");
            assertThat(l.url()).isEqualTo("https://www.hemgenix.com/");
        });
        assertThat(policy.links()).anySatisfy(l -> assertThat(l.label()).contains("HTC", "directory"));
        assertThat(SHIPPED).doesNotContain("1-800-676-4266", "63833", "vg/kg");
    }

    @Test
    void anOverrideFileWithAChangedThresholdIsHonoured(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("payer-policy.yaml");
        Files.writeString(file, shippedWith("clinicalStudyTiterLimit: 678", "clinicalStudyTiterLimit: 898")
                .replace("version: \"2026.12.02\"", "version: \"2026.12.02-site\""));

        Policy policy = PolicyLoader.load(file, Gates.ALL);

        assertThat(policy.settings(NabAav5Gate.DEFINITION).clinicalStudyTiterLimit()).isEqualByComparingTo("898");
        assertThat(policy.version()).isEqualTo("2026.12.02-site");
        assertThat(policy.settings(FactorInhibitorGate.DEFINITION).positiveThresholdBu()).isEqualByComparingTo("0.6");
    }

    @Test
    void aGateThePolicyLeavesOutDoesNotRun() {
        String withoutCoding = SHIPPED.replaceFirst("(?s)\\n  coding:\\n.*?\\n\\n  payer:", "\n  payer:");

        Policy policy = load(withoutCoding);

        assertThat(policy.gates()).doesNotContainKey("coding").containsKey("payer");
        assertThat(policy.find(CodingGate.DEFINITION)).isEmpty();
    }

    @Test
    void anUnknownGateKindIsNamed() {
        String unknownKind = SHIPPED.replace("    kind: factor-activity\n", "    kind: factor-actvity\n");

        assertThatThrownBy(() -> load(unknownKind)).isInstanceOf(PolicyException.class)
                .hasMessageStartingWith("site-policy.yaml: gates.fix-activity.kind: 'factor-actvity' is no gate kind");
    }

    @Test
    void aBadSeverityIsNamed() {
        assertThatThrownBy(() -> load(shippedWith("fail: critical        # label: adults only", "fail: severe          # label: adults only")))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("site-policy.yaml: gates.age.severities.fail: 'severe' is not a severity");
    }

    @Test
    void anUnknownKeyIsAnErrorNotASilentDefault() {
        assertThatThrownBy(() -> load(shippedWith("minimumAgeYears: 18", "minimumAge: 18")))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("site-policy.yaml: gates.age.minimumAge: unknown key");
        assertThatThrownBy(() -> load(shippedWith("version: \"2026.12.02\"", "version: \"2026.12.02\"\nverison: 2")))
                .isInstanceOf(PolicyException.class).hasMessageContaining("verison: unknown key");
    }

    @Test
    void aNegativeOrZeroThresholdIsNamed() {
        assertThatThrownBy(() -> load(shippedWith("positiveThresholdBu: 0.6", "positiveThresholdBu: -0.6")))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("gates.fix-inhibitor.positiveThresholdBu: must be a positive number");
        assertThatThrownBy(() -> load(shippedWith("windowDays: 180\n", "windowDays: 0\n")))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("gates.nab-aav5.windowDays: must be a positive whole number");
    }

    @Test
    void aMissingVersionIsNamed() {
        assertThatThrownBy(() -> load(shippedWith("version: \"2026.12.02\"", "")))
                .isInstanceOf(PolicyException.class).hasMessage("site-policy.yaml: version: missing");
    }

    @Test
    void theProductsTextNamesAreRequiredAndRead() {
        assertThat(load(SHIPPED).product().names()).containsExactly("Hemgenix", "etranacogene");
        assertThatThrownBy(() -> load(shippedWith("  names: [\"Hemgenix\", \"etranacogene\"]\n", "")))
                .isInstanceOf(PolicyException.class).hasMessage("site-policy.yaml: product.names: missing");
        assertThatThrownBy(() -> load(shippedWith("names: [\"Hemgenix\", \"etranacogene\"]", "names: []")))
                .isInstanceOf(PolicyException.class).hasMessageContaining("product.names: must not be empty");
    }

    @Test
    void anIncompletePayerEntryIsNamed() {
        String noSource = shippedWith("        source: \"Aetna Clinical Policy Bulletin 1023 (precertification required)\"\n",
                "");
        assertThatThrownBy(() -> load(noSource)).isInstanceOf(PolicyException.class)
                .hasMessage("site-policy.yaml: gates.payer.payers[1].source: missing");

        assertThatThrownBy(() -> load(shippedWith("priorAuthorization: \"varies\"", "priorAuthorization: \"maybe\"")))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("gates.payer.payers[5].priorAuthorization: 'maybe' is not one of yes, no, varies");
        assertThatThrownBy(() -> load(shippedWith("match: [\"aetna\"]", "match: []")))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("gates.payer.payers[1].match: must not be empty");
    }

    @Test
    void aKeyWrittenTwiceIsAnError() {
        assertThatThrownBy(() -> load(shippedWith("minimumAgeYears: 18", "minimumAgeYears: 18\n    minimumAgeYears: 16")))
                .isInstanceOf(PolicyException.class).hasMessageContaining("site-policy.yaml")
                .hasMessageContaining("minimumAgeYears");
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        Path file = dir.resolve("nope.yaml");

        assertThatThrownBy(() -> PolicyLoader.load(file, Gates.ALL)).isInstanceOf(PolicyException.class)
                .hasMessageContaining("nope.yaml: cannot be read");
    }

    @Test
    void aLinkMustBeAWebAddress() {
        assertThatThrownBy(() -> load(shippedWith("url: \"https://www.hemgenix.com/\"", "url: \"hemgenix.com\"")))
                .isInstanceOf(PolicyException.class).hasMessageContaining("links[0].url: must be an http(s) address");
    }

    @Test
    void theShippedMonitoringAndClaimSectionsLoad() {
        Policy policy = PolicyLoader.loadDefault(Gates.ALL);

        MonitoringSettings monitoring = policy.monitoring();
        assertThat(monitoring.weeklyTestWeeks()).isEqualTo(12);
        assertThat(monitoring.milestoneMonths()).containsExactly(3, 6, 12, 24, 36, 60);
        assertThat(monitoring.altUlnMultiple()).isEqualByComparingTo("1");
        assertThat(monitoring.altBaselineMultiple()).isEqualByComparingTo("2");
        assertThat(monitoring.liverCancerRiskConditions()).contains("K74", "B18");
        assertThat(monitoring.altRiseSeverity()).isEqualTo(Severity.WARNING);
        assertThat(monitoring.inhibitorSeverity()).isEqualTo(Severity.CRITICAL);
        assertThat(policy.claim().ndcUnit()).isEqualTo(ClaimSettings.UNIT_KIT);
        assertThat(policy.claim().billingUnit()).isEqualTo(ClaimSettings.BillingUnit.DOSE);
        assertThat(policy.claim().discardModifiers()).isFalse();
        assertThat(policy.claim().unclassifiedCode()).isEqualTo(ClaimSettings.IssueSeverity.ERROR);
        assertThat(policy.claim().primaryDiagnosis()).isEqualTo("D67");
        assertThat(policy.claim().unbilledTests()).isEmpty();
    }

    @Test
    void badMonitoringAndClaimSettingsAreNamed() {
        assertThatThrownBy(() -> load(shippedWith("milestoneMonths: [3, 6, 12, 24, 36, 60]", "milestoneMonths: [3, 6, 6]")))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("monitoring.milestoneMonths[2]: must be greater than the number before it");
        assertThatThrownBy(() -> load(shippedWith("fixActivityDropPercent: 50", "fixActivityDropPercent: 100")))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("monitoring.fixActivityDropPercent: must be below 100");
        assertThatThrownBy(() -> load(shippedWith("altRise: warning", "altRise: urgent")))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("monitoring.severities.altRise: 'urgent' is not a severity");
        assertThatThrownBy(() -> load(shippedWith("weeklyTestWeeks: 12", "weeklyTestWeek: 12")))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("monitoring.weeklyTestWeek: unknown key");
        assertThatThrownBy(() -> load(shippedWith("ndcUnit: \"UN\"", "ndcUnit: \"KIT\"")))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("claim.ndcUnit: 'KIT' is not one of UN, ML");
        assertThatThrownBy(() -> load(shippedWith("billingUnit: dose", "billingUnit: vial")))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("claim.billingUnit: 'vial' is not one of dose, millilitre");
        assertThatThrownBy(() -> load(shippedWith("unclassifiedCode: error", "unclassifiedCode: critical")))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("claim.unclassifiedCode: 'critical' is not one of error, warning");
        assertThatThrownBy(() -> load(SHIPPED.replaceFirst("(?s)\\n# The claim check.*", "\n")))
                .isInstanceOf(PolicyException.class).hasMessage("site-policy.yaml: claim: missing");
    }
}
