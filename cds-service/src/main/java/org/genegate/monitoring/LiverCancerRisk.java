package org.genegate.monitoring;

import java.util.ArrayList;
import java.util.List;
import org.genegate.gates.Observations;
import org.genegate.gates.Positivity;
import org.genegate.policy.MonitoringSettings;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;

/**
 * Liver-cancer risk factors (docs/evidence.md, after dosing: cirrhosis, fibrosis, hepatitis B/C, NAFLD/NASH, alcohol),
 * which add yearly liver imaging to the monitoring plan: an active or recurring Condition whose ICD-10-CM code
 * starts with one of the policy's prefixes, or a positive hepatitis B surface antigen or hepatitis C antibody.
 */
public final class LiverCancerRisk {

    private final MonitoringSettings settings;

    public LiverCancerRisk(MonitoringSettings settings) {
        this.settings = settings;
    }

    /** What puts the patient at risk, for the plan and the log; empty when nothing does. */
    public List<String> factors(List<Condition> conditions, List<Observation> observations) {
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
        return factors;
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
