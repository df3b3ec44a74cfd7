package org.genegate.monitoring;

import java.time.LocalDate;
import java.util.List;

/**
 * The post-infusion review of one patient.
 *
 * @param administration reference of the Hemgenix MedicationAdministration the schedule counts from
 * @param administered   the infusion day
 * @param asOf           the day overdue items are judged on (the visit's day, else today)
 * @param liverCancerRiskFactors what gives the patient liver-cancer risk (adds yearly liver surveillance); empty
 *                               when nothing on record does
 */
public record MonitoringReview(String administration, LocalDate administered, LocalDate asOf,
                               List<String> liverCancerRiskFactors, List<MonitoringAlert> alerts) {

    public MonitoringReview {
        liverCancerRiskFactors = List.copyOf(liverCancerRiskFactors);
        alerts = List.copyOf(alerts);
    }
}
