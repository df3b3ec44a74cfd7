package org.genegate.monitoring;

import java.util.Optional;
import java.util.Set;
import org.genegate.record.RecordPart;

/**
 * One check after the infusion, the way a gate is one check before it: the {@link PostInfusionMonitor} runs every
 * check on the same input, and a check whose record parts could not be read does not run (the review then says what
 * was not checked).
 */
@FunctionalInterface
public interface PostInfusionCheck {

    /** The record parts the check reads; most checks read the observations. */
    default Set<RecordPart> reads() {
        return Set.of(RecordPart.OBSERVATIONS);
    }

    Optional<MonitoringAlert> check(MonitoringInput in);
}
