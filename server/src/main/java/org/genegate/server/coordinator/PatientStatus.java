package org.genegate.server.coordinator;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.genegate.gates.Assessment;
import org.genegate.monitoring.MonitoringReview;
import org.genegate.monitoring.ScheduleEntry;
import org.hl7.fhir.r4.model.Patient;

/**
 * Where one patient stands in the Hemgenix pathway on a day: before the infusion the readiness assessment (no
 * order: the record as it is); after it, also the post-infusion review and the schedule's dates.
 *
 * @param patient    the Patient resource
 * @param assessment the gates on the record, as {@code $j1411-readiness} without an order gives them
 * @param review     the post-infusion review; empty before the infusion
 * @param schedule   the schedule's dates with their status; empty before the infusion
 */
public record PatientStatus(Patient patient, Assessment assessment, Optional<MonitoringReview> review,
                            List<ScheduleEntry> schedule) {

    public PatientStatus {
        schedule = List.copyOf(schedule);
    }

    /** Whole weeks from the infusion to the review day; 0 before the infusion. */
    public int weeksSinceInfusion() {
        return review.map(r -> (int) ChronoUnit.WEEKS.between(r.administered(), r.asOf())).orElse(0);
    }

    /** pre-infusion or post-infusion. */
    public String phase() {
        return review.isPresent() ? "post-infusion" : "pre-infusion";
    }
}
