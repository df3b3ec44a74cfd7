package org.genegate.gates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.genegate.gates.GateTestSupport.POLICY;
import static org.genegate.gates.GateTestSupport.input;
import static org.genegate.gates.GateTestSupport.lab;
import static org.genegate.gates.GateTestSupport.order;
import static org.genegate.gates.GateTestSupport.quantity;
import static org.genegate.gates.GateTestSupport.ratio;
import static org.genegate.gates.GateTestSupport.record;
import static org.genegate.gates.GateTestSupport.text;

import org.genegate.findings.GateFinding;
import org.genegate.findings.GateStatus;
import org.genegate.findings.Remedy;
import org.genegate.findings.Severity;
import org.genegate.findings.SourceClass;
import org.genegate.policy.Severities;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

class NabAav5GateTest {

    private final NabAav5Gate gate = new NabAav5Gate();

    private GateFinding evaluate(Observation... observations) {
        return gate.evaluate(input(record().observations(observations).build(), order(), POLICY.settings(NabAav5Gate.DEFINITION)));
    }

    private static Observation nab(int daysBeforeOrder) {
        return lab(GeneGateTerminology.CODE_SYSTEM, GeneGateTerminology.AAV5_NAB_TITER, daysBeforeOrder);
    }

    private static Observation titer(String value, int daysBeforeOrder) {
        return text(nab(daysBeforeOrder), value);
    }

    private static void assertOrdersTiter(GateFinding finding) {
        assertThat(finding.remedies()).singleElement().isInstanceOfSatisfying(Remedy.OrderTest.class, r -> {
            assertThat(r.system()).isEqualTo(GeneGateTerminology.CODE_SYSTEM);
            assertThat(r.code()).isEqualTo("aav5-nab-titer");
            assertThat(r.display()).startsWith("Adeno-associated virus 5 neutralizing antibody");
        });
    }

    private static Observation assay(Observation observation, String method) {
        return observation.setMethod(new CodeableConcept().setText(method));
    }

    @Test
    void exactly678PassesAnd679IsAWarningThatSaysTheAssayWasNotNamed() {
        assertThat(evaluate(titer("1:678", 5)).status()).isEqualTo(GateStatus.PASS);

        GateFinding finding = evaluate(titer("1:679", 5));
        assertThat(finding.status()).isEqualTo(GateStatus.FAIL);
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.message()).contains("1:679", "above 1:678", "assay not named",
                "compared with the clinical-study assay's limit", "1:898", "US label sets no NAb cutoff",
                "EU SmPC 4.4", "not a safety stop");
        assertThat(finding.sourceClasses()).containsExactly(SourceClass.SMPC);
        assertThat(finding.source()).contains("EU SmPC", "HOPE-B", "US label sets no cutoff");
    }

    @Test
    void onTheClinicalStudyAssay678PassesAnd679Fails() {
        String method = "AAV5 transduction inhibition assay (clinical-study assay, central laboratory)";
        assertThat(evaluate(assay(titer("1:678", 5), method)).status()).isEqualTo(GateStatus.PASS);

        GateFinding finding = evaluate(assay(titer("1:679", 5), method));
        assertThat(finding.status()).isEqualTo(GateStatus.FAIL);
        assertThat(finding.message()).contains("EU SmPC limit for the clinical-study assay")
                .doesNotContain("not recognised");
    }

    @Test
    void onTheExtendedRangeAssay898PassesAnd899Fails() {
        String method = "Extended-range AAV5 TIA";
        GateFinding at898 = evaluate(assay(titer("1:898", 5), method));
        assertThat(at898.status()).isEqualTo(GateStatus.PASS);
        assertThat(at898.message()).contains("not above 1:898", "extended-range assay");
        assertThat(evaluate(assay(titer("1:700", 5), method)).status()).isEqualTo(GateStatus.PASS);

        GateFinding at899 = evaluate(assay(titer("1:899", 5), method));
        assertThat(at899.status()).isEqualTo(GateStatus.FAIL);
        assertThat(at899.severity()).isEqualTo(Severity.WARNING);
        assertThat(at899.message()).contains("above 1:898", "EU SmPC limit for the extended-range assay");
    }

    @Test
    void anUnrecognisedAssayIsComparedWith678AndSaysSo() {
        GateFinding finding = evaluate(assay(titer("1:700", 5), "in-house neutralization assay"));

        assertThat(finding.status()).isEqualTo(GateStatus.FAIL);
        assertThat(finding.message()).contains("assay: in-house neutralization assay", "above 1:678",
                "not recognised in Observation.method");
    }

    @Test
    void aSiteMayRaiseTheCautionToCritical() {
        NabAav5Settings defaults = POLICY.settings(NabAav5Gate.DEFINITION);
        NabAav5Settings site = new NabAav5Settings(true, new Severities(Severity.CRITICAL, Severity.WARNING,
                Severity.WARNING, Severity.WARNING), defaults.source(), defaults.windowDays(),
                defaults.clinicalStudyTiterLimit(), defaults.extendedRangeTiterLimit(),
                defaults.extendedRangeAssayNames(), defaults.clinicalStudyAssayNames());

        GateFinding finding = gate.evaluate(input(record().observations(titer("1:900", 5)).build(), order(), site));

        assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void titer677Passes() {
        GateFinding finding = evaluate(titer("1:677", 5));

        assertThat(finding.status()).isEqualTo(GateStatus.PASS);
        assertThat(finding.severity()).isEqualTo(Severity.NONE);
    }

    @Test
    void belowAnAssayLimitPassesWhenTheLimitIsAtMost678() {
        assertThat(evaluate(titer("<1:50", 5)).status()).isEqualTo(GateStatus.PASS);
        assertThat(evaluate(titer("< 1 : 50", 5)).status()).isEqualTo(GateStatus.PASS);
        assertThat(evaluate(titer("<1:678", 5)).status()).isEqualTo(GateStatus.PASS);
    }

    @Test
    void belowALimitAbove678DoesNotEstablishATiterAtOrBelow678() {
        GateFinding finding = evaluate(titer("<1:1000", 5));

        assertThat(finding.status()).isEqualTo(GateStatus.MISSING);
        assertThat(finding.message()).contains("does not establish a titer at or below 1:678");
        assertOrdersTiter(finding);
    }

    @Test
    void spacesAreTolerated() {
        assertThat(evaluate(titer("1 : 900", 5)).status()).isEqualTo(GateStatus.FAIL);
    }

    @Test
    void aQuantityIsReadAsTheDilution() {
        assertThat(evaluate(quantity(nab(5), "900", "{titer}", "{titer}")).status()).isEqualTo(GateStatus.FAIL);
        assertThat(evaluate(quantity(nab(5), "50", "{titer}", "{titer}")).status()).isEqualTo(GateStatus.PASS);
    }

    @Test
    void aRatioIsReadAsDenominatorOverNumerator() {
        assertThat(evaluate(ratio(nab(5), "2", "1358")).status()).isEqualTo(GateStatus.FAIL);
        assertThat(evaluate(ratio(nab(5), "2", "1356")).status()).isEqualTo(GateStatus.PASS);
    }

    @Test
    void aboveALimitAtOrOver678Fails() {
        assertThat(evaluate(titer(">1:3212", 5)).status()).isEqualTo(GateStatus.FAIL);
        assertThat(evaluate(titer(">1:678", 5)).status()).isEqualTo(GateStatus.FAIL);
        assertThat(evaluate(titer(">1:50", 5)).status()).isEqualTo(GateStatus.MISSING);
    }

    @Test
    void theAssayIsNamedInTheMessage() {
        Observation result = titer("1:900", 5);
        result.setMethod(new CodeableConcept().setText("extended-range TIA"));

        assertThat(evaluate(result).message()).contains("assay: extended-range TIA");
    }

    @Test
    void aResult180DaysOldCountsAnd181DaysOldIsStaleByTheTeamDefault() {
        assertThat(evaluate(titer("1:50", 180)).status()).isEqualTo(GateStatus.PASS);

        GateFinding stale = evaluate(titer("1:50", 181));
        assertThat(stale.status()).isEqualTo(GateStatus.STALE);
        assertThat(stale.severity()).isEqualTo(Severity.WARNING);
        assertThat(stale.sourceClasses()).containsExactly(SourceClass.TEAM_DEFAULT);
        assertThat(stale.message()).contains("no source sets one");
        assertOrdersTiter(stale);
    }

    @Test
    void anOldHighTiterStillFails() {
        GateFinding finding = evaluate(titer("1:3212", 200));

        assertThat(finding.status()).isEqualTo(GateStatus.FAIL);
        assertThat(finding.message()).contains("more than 180 days before the order");
    }

    @Test
    void noResultIsMissingWithAnOrder() {
        GateFinding finding = evaluate();

        assertThat(finding.status()).isEqualTo(GateStatus.MISSING);
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertOrdersTiter(finding);
    }

    @Test
    void anUnreadableValueIsMissing() {
        GateFinding finding = evaluate(titer("negative", 3));

        assertThat(finding.status()).isEqualTo(GateStatus.MISSING);
        assertOrdersTiter(finding);
    }

    @Test
    void theLatestResultCounts() {
        assertThat(evaluate(titer("1:900", 20), titer("1:50", 2)).status()).isEqualTo(GateStatus.PASS);
        assertThat(evaluate(titer("1:50", 20), titer("1:900", 2)).status()).isEqualTo(GateStatus.FAIL);
    }
}
