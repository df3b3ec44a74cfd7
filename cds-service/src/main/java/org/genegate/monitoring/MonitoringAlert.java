package org.genegate.monitoring;

import java.util.List;
import org.genegate.findings.Evidence;
import org.genegate.findings.Remedy;
import org.genegate.findings.Severity;

/**
 * One thing the post-infusion review found for a clinician to act on.
 *
 * @param kind     what it is about (a card per kind)
 * @param summary  a few words for the card summary, e.g. "ALT 70 U/L above 2 x baseline"
 * @param detail   markdown for the card detail
 * @param evidence what in the record it rests on
 * @param remedies tests to order, or the plan to create
 */
public record MonitoringAlert(Kind kind, Severity severity, String summary, String detail, List<Evidence> evidence,
                              List<Remedy> remedies) {

    public MonitoringAlert {
        evidence = List.copyOf(evidence);
        remedies = List.copyOf(remedies);
    }

    public enum Kind {
        NO_PLAN("no-plan"),
        OVERDUE("overdue"),
        ALT_RISE("alt"),
        INHIBITOR("inhibitor"),
        FIX_ACTIVITY_FALL("fix-activity"),
        FIX_ACTIVITY_NOT_COMPARABLE("fix-activity-not-comparable"),
        OUTCOMES_AGREEMENT("outcomes-agreement"),
        COULD_NOT_VERIFY("could-not-verify");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        /** The code cards and scenario expectations name the alert by. */
        public String code() {
            return code;
        }
    }
}
