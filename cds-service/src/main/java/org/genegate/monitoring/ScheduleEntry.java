package org.genegate.monitoring;

import java.time.LocalDate;
import java.util.List;

/**
 * One date of the post-infusion schedule and where it stands on the review day, for a coordinator's view.
 *
 * @param kind    weekly, follow-up or liver-surveillance
 * @param label   e.g. "week 3", "6-month follow-up", "year 1 liver surveillance"
 * @param due     the due day counted from the infusion
 * @param lastDay the last day a result counts (the grace days after the due day)
 * @param status  done (every item on record), due (window still open) or overdue (window closed, items missing)
 * @param missing the items not on record (empty when done)
 */
public record ScheduleEntry(String kind, String label, LocalDate due, LocalDate lastDay, Status status,
                            List<String> missing) {

    public ScheduleEntry {
        missing = List.copyOf(missing);
    }

    public enum Status {
        DONE("done"), DUE("due"), OVERDUE("overdue");

        private final String code;

        Status(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }
}
