package org.genegate.clinical;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.genegate.policy.MonitoringSettings;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Observation;

/**
 * Liver-cancer (hepatocellular carcinoma) risk factors, which add yearly liver ultrasound and alpha-fetoprotein
 * to the monitoring plan (US label §5.3: cirrhosis, advanced fibrosis, hepatitis B or C, NAFLD/NASH, chronic
 * alcohol use, advanced age): an active or recurring Condition whose ICD-10-CM code starts with one of the
 * policy's prefixes; a positive hepatitis B surface antigen or hepatitis C antibody; a final liver imaging report
 * concluding cirrhosis or fibrosis (fibrosis found at baseline counts); or age from the policy's age.
 */
public final class LiverCancerRisk {

    private final MonitoringSettings settings;

    public LiverCancerRisk(MonitoringSettings settings) {
        this.settings = settings;
    }

    /**
     * What puts the patient at risk, for the plan and the log; empty when nothing does.
     *
     * @param birthDate the patient's birth date, when known
     * @param onDay     the day age is counted on (the infusion day)
     */
    public List<String> factors(List<Condition> conditions, List<Observation> observations,
                                List<DiagnosticReport> reports, Optional<LocalDate> birthDate, LocalDate onDay) {
        List<String> factors = new ArrayList<>();
        for (Condition condition : conditions) {
            if (!isCurrent(condition)) {
                continue;
            }
            for (Coding coding : condition.getCode().getCoding()) {
                if (GeneGateTerminology.ICD10CM.equals(coding.getSystem()) && coding.hasCode() && matches(coding.getCode())) {
                    factors.add("Condition " + coding.getCode() + (coding.hasDisplay() ? " " + coding.getDisplay() : ""));
                }
            }
        }
        for (Observation observation : observations) {
            String loinc = Observations.codeOf(observation, GeneGateTerminology.LOINC);
            boolean serology = GeneGateTerminology.LOINC_HBSAG.equals(loinc)
                    || GeneGateTerminology.LOINC_HCV_AB.equals(loinc);
            if (serology && Observations.isResult(observation)
                    && Observations.qualitative(observation) == Positivity.POSITIVE) {
                factors.add("positive " + (GeneGateTerminology.LOINC_HBSAG.equals(loinc) ? "hepatitis B surface antigen"
                        : "hepatitis C antibody"));
            }
        }
        for (DiagnosticReport report : reports) {
            boolean finalReport = report.getStatus() == DiagnosticReport.DiagnosticReportStatus.FINAL
                    || report.getStatus() == DiagnosticReport.DiagnosticReportStatus.AMENDED
                    || report.getStatus() == DiagnosticReport.DiagnosticReportStatus.CORRECTED;
            for (CodeableConcept conclusion : finalReport ? report.getConclusionCode() : List.<CodeableConcept>of()) {
                for (Coding coding : conclusion.getCoding()) {
                    if (GeneGateTerminology.SNOMED.equals(coding.getSystem())
                            && settings.liverCancerRiskFindings().contains(coding.getCode())) {
                        factors.add("liver imaging " + reportDay(report).map(LocalDate::toString).orElse("(undated)")
                                + ": " + (coding.hasDisplay()
                                ? coding.getDisplay() : "SNOMED " + coding.getCode()));
                    }
                }
            }
        }
        birthDate.map(born -> Period.between(born, onDay).getYears())
                .filter(age -> age >= settings.liverCancerRiskAgeYears())
                .ifPresent(age -> factors.add("age " + age + " (from " + settings.liverCancerRiskAgeYears()
                        + " in the policy, a team default: the label names advanced age without an age)"));
        return factors;
    }

    public static Optional<LocalDate> reportDay(DiagnosticReport report) {
        return report.hasEffectiveDateTimeType() ? FhirDates.earliestDay(report.getEffectiveDateTimeType())
                : report.hasEffectivePeriod() ? FhirDates.earliestDay(report.getEffectivePeriod().getStartElement())
                : Optional.empty();
    }

    private boolean matches(String code) {
        return settings.liverCancerRiskConditions().stream().anyMatch(code::startsWith);
    }

    private static boolean isCurrent(Condition condition) {
        if (!condition.hasClinicalStatus()) {
            return true;
        }
        return condition.getClinicalStatus().getCoding().stream().map(Coding::getCode)
                .anyMatch(c -> c.equals("active") || c.equals("recurrence") || c.equals("relapse"));
    }
}
