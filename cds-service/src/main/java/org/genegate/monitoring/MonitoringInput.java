package org.genegate.monitoring;

import java.time.LocalDate;
import java.util.List;
import org.genegate.findings.Evidence;
import org.genegate.policy.ProductSettings;
import org.genegate.record.PatientRecord;

/**
 * Everything one post-infusion check sees.
 *
 * @param record                 the patient's record
 * @param administered           the day of the infusion the review counts from
 * @param asOf                   the review's date
 * @param administration         the infusion as evidence, for the alerts that cite it
 * @param liverCancerRiskFactors what puts the patient under yearly liver surveillance (empty: no risk factor)
 * @param product                the product given, as the policy names it
 */
public record MonitoringInput(PatientRecord record, LocalDate administered, LocalDate asOf, Evidence administration,
                              List<String> liverCancerRiskFactors, ProductSettings product) {

    public MonitoringInput {
        liverCancerRiskFactors = List.copyOf(liverCancerRiskFactors);
    }
}
