package org.genegate.assessment;

import java.time.LocalDate;
import java.util.List;
import org.genegate.record.PatientRecord;

/**
 * The answer for one request's orders.
 *
 * @param assessed the orders of the gated products judged, each under its product's policy, in the order sent
 * @param notices  orders that name a gated product but could not be judged
 * @param record   the patient's record the gates read; null when no order was judged
 * @param today    the day of the assessment, from the service's clock
 */
public record OrderAssessments(List<OrderAssessment> assessed, List<OrderNotice> notices, PatientRecord record,
                               LocalDate today) {

    public OrderAssessments {
        assessed = List.copyOf(assessed);
        notices = List.copyOf(notices);
    }

    public boolean isEmpty() {
        return assessed.isEmpty() && notices.isEmpty();
    }
}
