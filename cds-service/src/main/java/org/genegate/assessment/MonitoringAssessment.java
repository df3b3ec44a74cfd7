package org.genegate.assessment;

import java.time.LocalDate;
import java.util.Optional;
import org.genegate.monitoring.MonitoringReview;

/**
 * The post-infusion review of one patient.
 *
 * @param review empty when the patient has no completed Hemgenix administration
 * @param asOf   the day overdue items are judged on
 */
public record MonitoringAssessment(Optional<MonitoringReview> review, LocalDate asOf) {
}
