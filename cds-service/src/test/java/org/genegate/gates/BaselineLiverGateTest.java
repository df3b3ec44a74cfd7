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
import org.genegate.findings.GateFinding;
import org.genegate.findings.GateStatus;
import org.genegate.findings.Remedy;
import org.genegate.findings.Severity;
import org.genegate.findings.SourceClass;
import org.genegate.record.RecordPart;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.r4.model.DateTimeType;
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

    private static final String SNOMED = "http://snomed.info/sct";
    private static final String NORMAL = "281900007";
    private static final String CIRRHOSIS = "19943007";
    private static final String FIBROSIS = "62484002";

    /** A final liver imaging report, dated days before the order, with these SNOMED conclusions. */
    private static DiagnosticReport report(String code, int days, String... conclusions) {
        DiagnosticReport report = new DiagnosticReport();
        report.setId(code + "-report-" + days);
        report.setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL);
        report.setCode(concept(GeneGateTerminology.CODE_SYSTEM, code));
        report.setEffective(new DateTimeType(GateTestSupport.ORDER_DATE.minusDays(days).toString()));
        for (String conclusion : conclusions) {
            report.addConclusionCode(concept(SNOMED, conclusion));
        }
        return report;
    }

    private static DiagnosticReport ultrasound(int days, String... conclusions) {
        return report(GeneGateTerminology.LIVER_ULTRASOUND, days, conclusions);
    }

    private static DiagnosticReport elastography(int days, String... conclusions) {
        return report(GeneGateTerminology.LIVER_ELASTOGRAPHY, days, conclusions);
    }

    private static Observation stiffness(String kpa, int days) {
        return quantity(GateTestSupport.lab(GeneGateTerminology.CODE_SYSTEM, GeneGateTerminology.LIVER_STIFFNESS, days),
                kpa, "kPa", "kPa");
    }

    private static List<Observation> normalLabs() {
        return List.of(alt("35", 5), ast(5), alp(5), bilirubin("0.8", "mg/dL", 5));
    }

    /** Normal labs plus whatever imaging and stiffness readings the test gives. */
    private GateFinding withImaging(List<Observation> extraObservations, org.hl7.fhir.r4.model.Resource... imaging) {
        List<Observation> observations = new java.util.ArrayList<>(normalLabs());
        observations.addAll(extraObservations);
        return labsAndImaging(observations, imaging);
    }

    private GateFinding labsAndImaging(List<Observation> observations, org.hl7.fhir.r4.model.Resource... imaging) {
        GateTestSupport.RecordBuilder record = record().observations(observations.toArray(Observation[]::new));
        for (org.hl7.fhir.r4.model.Resource resource : imaging) {
            record.with(resource instanceof Procedure ? RecordPart.PROCEDURES : RecordPart.DIAGNOSTIC_REPORTS, resource);
        }
        return gate.evaluate(input(record.build(), order(), POLICY.settings(BaselineLiverGate.DEFINITION)));
    }

    private GateFinding evaluate(List<Observation> labs, boolean ultrasound, boolean elastography) {
        GateTestSupport.RecordBuilder record = record().observations(labs.toArray(Observation[]::new));
        if (ultrasound) {
            record.with(RecordPart.DIAGNOSTIC_REPORTS, ultrasound(10, NORMAL));
        }
        if (elastography) {
            record.with(RecordPart.DIAGNOSTIC_REPORTS, elastography(10, NORMAL));
        }
        return gate.evaluate(input(record.build(), order(), POLICY.settings(BaselineLiverGate.DEFINITION)));
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
        assertThat(finding.message()).contains("ALT 35 U/L", "liver ultrasound (2026-11-05): ",
                "liver elastography (2026-11-05): ");
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
        assertThat(finding.message()).contains("ALT 121 U/L", "3 × ULN (40 U/L)", "a payer exclusion");
        assertThat(finding.sourceClasses()).containsExactly(SourceClass.PAYER);
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

    @Test
    void cirrhosisOnTheUltrasoundIsCriticalAndCitesTheSmpcAndTheLabel() {
        GateFinding finding = withImaging(List.of(), ultrasound(10, CIRRHOSIS), elastography(10, NORMAL));

        assertThat(finding.status()).isEqualTo(GateStatus.FAIL);
        assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(finding.sourceClasses()).containsExactly(SourceClass.SMPC, SourceClass.LABEL);
        assertThat(finding.message()).contains("EU SmPC (4.3)", "hepatologist", "liver ultrasound (2026-11-05) found");
        assertThat(orderedCodes(finding)).containsExactly(GeneGateTerminology.HEPATOLOGY_CONSULT);
    }

    @Test
    void hepaticFibrosisOnTheElastographyReportIsCritical() {
        GateFinding finding = withImaging(List.of(), ultrasound(10, NORMAL), elastography(10, FIBROSIS));

        assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void stiffnessAt15KpaIsCriticalAt14_9AWarningAndBelow10Passes() {
        GateFinding at15 = withImaging(List.of(stiffness("15", 10)), ultrasound(10, NORMAL), elastography(10));
        assertThat(at15.status()).isEqualTo(GateStatus.FAIL);
        assertThat(at15.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(at15.message()).contains("liver stiffness 15 kPa", "at or above 15 kPa", "Baveno VII");

        GateFinding at14 = withImaging(List.of(stiffness("14.9", 10)), ultrasound(10, NORMAL), elastography(10));
        assertThat(at14.status()).isEqualTo(GateStatus.FAIL);
        assertThat(at14.severity()).isEqualTo(Severity.WARNING);
        assertThat(at14.message()).contains("at or above 10 kPa", "hepatology consultation");
        assertThat(orderedCodes(at14)).containsExactly(GeneGateTerminology.HEPATOLOGY_CONSULT);

        GateFinding low = withImaging(List.of(stiffness("9.9", 10)), ultrasound(10, NORMAL), elastography(10));
        assertThat(low.status()).isEqualTo(GateStatus.PASS);
        assertThat(low.message()).contains("liver stiffness 9.9 kPa", "below 10 kPa");
    }

    @Test
    void otherAbnormalImagingIsAWarningWithAHepatologyConsult() {
        GateFinding finding = withImaging(List.of(), ultrasound(10, "197321007"), elastography(10, NORMAL));

        assertThat(finding.status()).isEqualTo(GateStatus.FAIL);
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.sourceClasses()).containsExactly(SourceClass.LABEL);
        assertThat(finding.message()).contains("abnormal imaging", "hepatology consultation");
        assertThat(orderedCodes(finding)).containsExactly(GeneGateTerminology.HEPATOLOGY_CONSULT);
    }

    @Test
    void enzymesRaisedOnTwoResultsAreAWarningWithAHepatologyConsult() {
        // Default ALT upper limit 40 U/L: 45 twice is a sustained rise, yet within 3 × ULN.
        GateFinding finding = labsAndImaging(List.of(alt("45", 40), alt("45", 4), ast(5), alp(5),
                bilirubin("0.8", "mg/dL", 5)), ultrasound(10, NORMAL), elastography(10, NORMAL));

        assertThat(finding.status()).isEqualTo(GateStatus.FAIL);
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.message()).contains("ALT is above the upper limit of normal on its two latest results");
        assertThat(orderedCodes(finding)).containsExactly(GeneGateTerminology.HEPATOLOGY_CONSULT);

        GateFinding once = labsAndImaging(List.of(alt("30", 40), alt("45", 4), ast(5), alp(5),
                bilirubin("0.8", "mg/dL", 5)), ultrasound(10, NORMAL), elastography(10, NORMAL));
        assertThat(once.status()).isEqualTo(GateStatus.PASS);
    }

    @Test
    void imaging180DaysOldPassesAnd181IsStaleByTheTeamDefault() {
        assertThat(withImaging(List.of(), ultrasound(180, NORMAL), elastography(180, NORMAL)).status())
                .isEqualTo(GateStatus.PASS);

        GateFinding stale = withImaging(List.of(), ultrasound(181, NORMAL), elastography(10, NORMAL));
        assertThat(stale.status()).isEqualTo(GateStatus.STALE);
        assertThat(stale.severity()).isEqualTo(Severity.WARNING);
        assertThat(stale.sourceClasses()).containsExactly(SourceClass.TEAM_DEFAULT);
        assertThat(stale.message()).contains("more than 180 days before the order");
        assertThat(orderedCodes(stale)).containsExactly(GeneGateTerminology.LIVER_ULTRASOUND);
    }

    @Test
    void oldCirrhosisIsStillCritical() {
        GateFinding finding = withImaging(List.of(), ultrasound(400, CIRRHOSIS), elastography(10, NORMAL));

        assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void aProcedureWithNoReportIsResultNotOnRecordAndAFinalReportIsRead() {
        Procedure procedure = new Procedure();
        procedure.setId("elastography-procedure");
        procedure.setStatus(Procedure.ProcedureStatus.COMPLETED);
        procedure.setCode(concept(GeneGateTerminology.CODE_SYSTEM, GeneGateTerminology.LIVER_ELASTOGRAPHY));

        GateFinding noReport = withImaging(List.of(), ultrasound(10, NORMAL), procedure);
        assertThat(noReport.status()).isEqualTo(GateStatus.MISSING);
        assertThat(noReport.message()).contains("liver elastography was performed but its result is not on record");
        assertThat(orderedCodes(noReport)).isEmpty();

        GateFinding withReport = withImaging(List.of(), ultrasound(10, NORMAL), procedure, elastography(10, NORMAL));
        assertThat(withReport.status()).isEqualTo(GateStatus.PASS);
    }

    @Test
    void aPreliminaryReportIsNotAResult() {
        DiagnosticReport preliminary = ultrasound(10, NORMAL);
        preliminary.setStatus(DiagnosticReport.DiagnosticReportStatus.PRELIMINARY);

        GateFinding finding = withImaging(List.of(), preliminary, elastography(10, NORMAL));

        assertThat(finding.status()).isEqualTo(GateStatus.MISSING);
        assertThat(finding.message()).contains("liver ultrasound report is preliminary, not final");
    }

    @Test
    void aReportWithUncodedFindingsIsNotPassedSilently() {
        DiagnosticReport uncoded = ultrasound(10);
        uncoded.setConclusion("Coarse echotexture.");

        GateFinding finding = withImaging(List.of(), uncoded, elastography(10, NORMAL));

        assertThat(finding.status()).isEqualTo(GateStatus.MISSING);
        assertThat(finding.message()).contains("has no coded findings", "Coarse echotexture.");
    }
}
