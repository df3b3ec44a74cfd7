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
        return PolicyLoader.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "site-policy.yaml");
    }

    @Test
    void theShippedPolicyLoadsWithTheAgreedDefaults() {
        Policy policy = PolicyLoader.loadDefault();

        assertThat(policy.version()).isEqualTo("2026.12.02");
        assertThat(policy.gates()).extracting(GateSettings::gateId).containsExactlyElementsOf(Policy.GATE_IDS);
        assertThat(policy.gates()).allSatisfy(g -> {
            assertThat(g.enabled()).isTrue();
            assertThat(g.source()).isNotBlank();
        });
        assertThat(policy.age().minimumAgeYears()).isEqualTo(18);
        assertThat(policy.age().severities().of(GateStatus.FAIL)).isEqualTo(Severity.CRITICAL);
        assertThat(policy.fixInhibitor().windowDays()).isEqualTo(30);
        assertThat(policy.fixInhibitor().positiveThresholdBu()).isEqualByComparingTo("0.6");
        assertThat(policy.fixInhibitor().historySeverity()).isEqualTo(Severity.WARNING);
        assertThat(policy.nabAav5().windowDays()).isEqualTo(180);
        assertThat(policy.nabAav5().clinicalStudyTiterLimit()).isEqualByComparingTo("678");
        assertThat(policy.nabAav5().extendedRangeTiterLimit()).isEqualByComparingTo("898");
        assertThat(policy.nabAav5().severities().of(GateStatus.FAIL)).isEqualTo(Severity.WARNING);
        assertThat(policy.nabAav5().source()).startsWith("EU SmPC 4.4").contains("US label sets no cutoff");
        assertThat(policy.priorGeneTherapy().duplicateOrderSeverity()).isEqualTo(Severity.WARNING);
        assertThat(policy.baselineLiver().imagingWindowDays()).isEqualTo(180);
        assertThat(policy.baselineLiver().advancedDiseaseSeverity()).isEqualTo(Severity.CRITICAL);
        assertThat(policy.baselineLiver().stiffnessAdvancedKpa()).isEqualByComparingTo("15");
        assertThat(policy.baselineLiver().stiffnessSuggestiveKpa()).isEqualByComparingTo("10");
        assertThat(policy.baselineLiver().advancedDisease("http://snomed.info/sct", "19943007")).isTrue();
        assertThat(policy.fixActivity().maximumPercent()).isEqualByComparingTo("2");
        assertThat(policy.infections().hivRnaMaxCopiesPerMl()).isEqualByComparingTo("200");
        assertThat(policy.infections().cd4MinCellsPerUl()).isEqualByComparingTo("200");
        assertThat(policy.baselineLiver().windowDays()).isEqualTo(30);
        assertThat(policy.baselineLiver().ulnMultiple()).isEqualByComparingTo("3");
        assertThat(policy.baselineLiver().defaultUpperLimit("1742-6", "U/L")).hasValueSatisfying(
                v -> assertThat(v).isEqualByComparingTo("40"));
        assertThat(policy.baselineLiver().defaultUpperLimit("1975-2", "µmol/L")).hasValueSatisfying(
                v -> assertThat(v).isEqualByComparingTo("21"));
        assertThat(policy.weightAndDose().windowDays()).isEqualTo(30);
        assertThat(policy.weightAndDose().genomeCopiesPerKg()).isEqualByComparingTo("2E13");
        assertThat(policy.weightAndDose().millilitresPerKg()).isEqualByComparingTo("2");
        assertThat(policy.weightAndDose().vialMillilitres()).isEqualByComparingTo("10");
        assertThat(policy.weightAndDose().tolerancePercent()).isEqualByComparingTo("5");
        assertThat(policy.coding().infusionRateMlPerHour()).isEqualByComparingTo("500");
        assertThat(policy.coding().addOnThresholdMinutes()).isEqualTo(90);
        assertThat(policy.priorGeneTherapy().otherGeneTherapyNames()).containsExactly("Beqvez", "fidanacogene elaparvovec");
        assertThat(policy.prescriber().severities().of(GateStatus.MISSING)).isEqualTo(Severity.NONE);
        assertThat(policy.siteOfCare().severities().of(GateStatus.MISSING)).isEqualTo(Severity.INFO);
    }

    @Test
    void theShippedPayerTableAndLinksAreTheCorrectedOnes() {
        Policy policy = PolicyLoader.loadDefault();

        assertThat(policy.payers()).extracting(PayerEntry::id)
                .containsExactly("uhc", "aetna", "bcbs", "cigna", "medicaid", "medicare-part-b");
        assertThat(policy.payerById("uhc").orElseThrow().match()).contains("unitedhealthcare", "optum", "uhc");
        assertThat(policy.payerById("medicare-part-b").orElseThrow().documentation())
                .contains("MAC LCD: none found for J1411; check the MAC");
        assertThat(policy.payerById("medicare-part-b").orElseThrow().priorAuthorization())
                .isEqualTo(PriorAuthorization.VARIES);
        assertThat(String.join(" ", policy.payerById("medicaid").orElseThrow().documentation()))
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

        Policy policy = PolicyLoader.load(file);

        assertThat(policy.nabAav5().clinicalStudyTiterLimit()).isEqualByComparingTo("898");
        assertThat(policy.version()).isEqualTo("2026.12.02-site");
        assertThat(policy.fixInhibitor().positiveThresholdBu()).isEqualByComparingTo("0.6");
    }

    @Test
    void aMissingGateIsNamed() {
        String withoutCoding = SHIPPED.replaceFirst("(?s)\\n  coding:\\n.*?\\n\\n  payer:", "\n  payer:");

        assertThatThrownBy(() -> load(withoutCoding)).isInstanceOf(PolicyException.class)
                .hasMessage("site-policy.yaml: gates.coding: missing");
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

        assertThatThrownBy(() -> PolicyLoader.load(file)).isInstanceOf(PolicyException.class)
                .hasMessageContaining("nope.yaml: cannot be read");
    }

    @Test
    void aLinkMustBeAWebAddress() {
        assertThatThrownBy(() -> load(shippedWith("url: \"https://www.hemgenix.com/\"", "url: \"hemgenix.com\"")))
                .isInstanceOf(PolicyException.class).hasMessageContaining("links[0].url: must be an http(s) address");
    }

    @Test
    void theShippedMonitoringAndClaimSectionsLoad() {
        Policy policy = PolicyLoader.loadDefault();

        MonitoringSettings monitoring = policy.monitoring();
        assertThat(monitoring.weeklyTestWeeks()).isEqualTo(12);
        assertThat(monitoring.milestoneMonths()).containsExactly(3, 6, 12, 24, 36, 60);
        assertThat(monitoring.altUlnMultiple()).isEqualByComparingTo("1");
        assertThat(monitoring.altBaselineMultiple()).isEqualByComparingTo("2");
        assertThat(monitoring.liverCancerRiskConditions()).contains("K74", "B18");
        assertThat(monitoring.altRiseSeverity()).isEqualTo(Severity.WARNING);
        assertThat(monitoring.inhibitorSeverity()).isEqualTo(Severity.CRITICAL);
        assertThat(policy.claim().ndcUnit()).isEqualTo(ClaimSettings.UNIT_KIT);
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
        assertThatThrownBy(() -> load(SHIPPED.replaceFirst("(?s)\\n# The claim check.*", "\n")))
                .isInstanceOf(PolicyException.class).hasMessage("site-policy.yaml: claim: missing");
    }
}
