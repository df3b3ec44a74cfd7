package org.genegate.gates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.genegate.gates.GateTestSupport.POLICY;
import static org.genegate.gates.GateTestSupport.concept;
import static org.genegate.gates.GateTestSupport.input;
import static org.genegate.gates.GateTestSupport.loinc;
import static org.genegate.gates.GateTestSupport.order;
import static org.genegate.gates.GateTestSupport.quantity;
import static org.genegate.gates.GateTestSupport.record;

import java.math.BigDecimal;
import java.util.List;
import org.genegate.record.RecordPart;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.SimpleQuantity;
import org.junit.jupiter.api.Test;

class BaselineLiverGateTest {

    private final BaselineLiverGate gate = new BaselineLiverGate();

    private static Observation alt(String value, int days) {
        return quantity(loinc("1742-6", days), value, "U/L", "U/L");
    }

    private static Observation ast(int days) {
        return quantity(loinc("1920-8", days), "30", "U/L", "U/L");
    }

    private static Observation alp(int days) {
        return quantity(loinc("6768-6", days), "90", "U/L", "U/L");
    }

    private static Observation bilirubin(String value, String unit, int days) {
        return quantity(loinc("1975-2", days), value, unit, unit);
    }

    private static DiagnosticReport imaging(String code) {
        DiagnosticReport report = new DiagnosticReport();
        report.setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL);
        report.setCode(concept(GeneGateTerminology.CODE_SYSTEM, code));
        return report;
    }

    private GateFinding evaluate(List<Observation> labs, boolean ultrasound, boolean elastography) {
        GateTestSupport.RecordBuilder record = record().observations(labs.toArray(Observation[]::new));
        if (ultrasound) {
            record.with(RecordPart.DIAGNOSTIC_REPORTS, imaging(GeneGateTerminology.LIVER_ULTRASOUND));
        }
        if (elastography) {
            Procedure procedure = new Procedure();
            procedure.setStatus(Procedure.ProcedureStatus.COMPLETED);
            procedure.setCode(concept(GeneGateTerminology.CODE_SYSTEM, GeneGateTerminology.LIVER_ELASTOGRAPHY));
            record.with(RecordPart.PROCEDURES, procedure);
        }
        return gate.evaluate(input(record.build(), order(), POLICY.baselineLiver()));
    }

    private GateFinding withLabs(Observation... labs) {
        return evaluate(List.of(labs), true, true);
    }

    private static List<String> orderedCodes(GateFinding finding) {
        return finding.remedies().stream().map(r -> ((Remedy.OrderTest) r).code()).toList();
    }

    @Test
    void aCompleteRecentWorkUpPasses() {
        GateFinding finding = withLabs(alt("35", 5), ast(5), alp(5), bilirubin("0.8", "mg/dL", 5));

        assertThat(finding.status()).isEqualTo(GateStatus.PASS);
        assertThat(finding.message()).contains("ALT 35 U/L", "liver ultrasound on file", "liver elastography on file");
    }

    @Test
    void resultsThirtyDaysOldPassAndThirtyOneAreStale() {
        assertThat(withLabs(alt("35", 30), ast(30), alp(30), bilirubin("0.8", "mg/dL", 30)).status())
                .isEqualTo(GateStatus.PASS);

        GateFinding stale = withLabs(alt("35", 31), ast(30), alp(30), bilirubin("0.8", "mg/dL", 30));
        assertThat(stale.status()).isEqualTo(GateStatus.STALE);
        assertThat(stale.severity()).isEqualTo(Severity.WARNING);
        assertThat(orderedCodes(stale)).containsExactly("1742-6");
    }

    @Test
    void aboveThreeTimesTheDefaultUpperLimitFails() {
        // Default ALT upper limit 40 U/L: 120 is exactly 3 × ULN and passes; 121 fails.
        assertThat(withLabs(alt("120", 5), ast(5), alp(5), bilirubin("0.8", "mg/dL", 5)).status())
                .isEqualTo(GateStatus.PASS);

        GateFinding finding = withLabs(alt("121", 5), ast(5), alp(5), bilirubin("0.8", "mg/dL", 5));
        assertThat(finding.status()).isEqualTo(GateStatus.FAIL);
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.message()).contains("ALT 121 U/L", "3 × ULN (40 U/L)");
    }

    @Test
    void theLabsOwnReferenceRangeWinsOverTheDefault() {
        Observation altWithRange = alt("150", 5);
        SimpleQuantity high = new SimpleQuantity();
        high.setValue(new BigDecimal("56")).setUnit("U/L").setSystem(GateTestSupport.UCUM).setCode("U/L");
        altWithRange.addReferenceRange().setHigh(high);

        assertThat(withLabs(altWithRange, ast(5), alp(5), bilirubin("0.8", "mg/dL", 5)).status())
                .isEqualTo(GateStatus.PASS);
    }

    @Test
    void bilirubinInMicromolesUsesItsOwnDefault() {
        assertThat(withLabs(alt("35", 5), ast(5), alp(5), bilirubin("63", "umol/L", 5)).status())
                .isEqualTo(GateStatus.PASS);
        assertThat(withLabs(alt("35", 5), ast(5), alp(5), bilirubin("64", "µmol/L", 5)).status())
                .isEqualTo(GateStatus.FAIL);
    }

    @Test
    void aValueInAUnitWithoutALimitIsNotPassedSilently() {
        Observation oddUnit = loinc("1742-6", 5);
        oddUnit.setValue(new Quantity().setValue(new BigDecimal("0.5")).setUnit("ukat/L"));

        GateFinding finding = withLabs(oddUnit, ast(5), alp(5), bilirubin("0.8", "mg/dL", 5));

        assertThat(finding.status()).isEqualTo(GateStatus.MISSING);
        assertThat(finding.message()).contains("no default upper limit");
    }

    @Test
    void missingLabsAndImagingAreEachOrdered() {
        GateFinding finding = evaluate(List.of(alt("35", 5)), false, false);

        assertThat(finding.status()).isEqualTo(GateStatus.MISSING);
        assertThat(orderedCodes(finding)).containsExactly("1920-8", "6768-6", "1975-2",
                GeneGateTerminology.LIVER_ULTRASOUND, GeneGateTerminology.LIVER_ELASTOGRAPHY);
        assertThat(finding.message()).contains("AST not on record", "liver ultrasound not on file");
    }

    @Test
    void failOutranksStaleAndMissing() {
        GateFinding finding = evaluate(List.of(alt("500", 5), ast(60)), false, true);

        assertThat(finding.status()).isEqualTo(GateStatus.FAIL);
        assertThat(finding.message()).contains("AST 30 U/L", "older than 30 days", "ALP not on record");
    }
}
