package org.genegate.fetch;

import java.time.Duration;

/**
 * The moment by which everything a hook call fetches must have answered. One call may read a Medication and
 * then the record; both share one deadline, so the call's total fetch time stays within the one budget.
 *
 * @param budget      the whole budget, for messages
 * @param deadlineNanos {@link System#nanoTime()} at which the budget ends
 */
public record FetchDeadline(Duration budget, long deadlineNanos) {

    /** A deadline {@code budget} from now. */
    public static FetchDeadline startingNow(Duration budget) {
        return new FetchDeadline(budget, System.nanoTime() + budget.toNanos());
    }

    /** Nanoseconds left, never negative. */
    public long remainingNanos() {
        return Math.max(0, deadlineNanos - System.nanoTime());
    }
}
