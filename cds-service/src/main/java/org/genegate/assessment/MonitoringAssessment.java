package org.genegate.assessment;

import java.time.LocalDate;
import java.util.Optional;
import org.genegate.monitoring.MonitoringReview;
import org.genegate.policy.ProductSettings;

/**
 * The post-infusion review of one patient.
 *
 * @param review  empty when the patient has no completed administration of a gated product
 * @param product the product reviewed (the default product when there is no review)
 * @param asOf    the day overdue items are judged on
 */
public record MonitoringAssessment(Optional<MonitoringReview> review, ProductSettings product, LocalDate asOf) {
}
