package org.genegate.monitoring;

import java.time.LocalDate;
import java.util.List;

/**
 * The post-infusion review of one patient.
 *
 * @param administration reference of the Hemgenix MedicationAdministration the schedule counts from
 * @param administered   the infusion day
 * @param asOf           the day overdue items are judged on (the visit's day, else today)
 */
public record MonitoringReview(String administration, LocalDate administered, LocalDate asOf,
                               List<MonitoringAlert> alerts) {

    public MonitoringReview {
        alerts = List.copyOf(alerts);
    }
}
