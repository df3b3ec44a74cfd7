package org.genegate.assessment;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.genegate.gates.Assessment;
import org.genegate.monitoring.MonitoringReview;
import org.genegate.monitoring.ScheduleEntry;

/**
 * Where a patient stands on a day, from one read of the record: the gates without an order and, after an
 * infusion, the post-infusion review with the schedule's dates.
 *
 * @param readiness the gates on the record as it is (no order proposed)
 * @param review    the post-infusion review; empty before the infusion
 * @param schedule  the schedule's dates with their status; empty before the infusion
 * @param asOf      the day everything is judged on
 */
public record StandingAssessment(Assessment readiness, Optional<MonitoringReview> review,
                                 List<ScheduleEntry> schedule, LocalDate asOf) {

    public StandingAssessment {
        schedule = List.copyOf(schedule);
    }
}
