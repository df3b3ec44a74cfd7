package org.genegate.policy;

import java.util.Objects;
import org.genegate.findings.GateStatus;
import org.genegate.findings.Severity;

/**
 * The card severity a gate raises for each non-passing status. A pass raises nothing
 * ({@link Severity#NONE}); the payer gate, whose pass is an info card, says so itself.
 */
public record Severities(Severity fail, Severity missing, Severity stale, Severity couldNotVerify) {

    public Severities {
        Objects.requireNonNull(fail, "fail");
        Objects.requireNonNull(missing, "missing");
        Objects.requireNonNull(stale, "stale");
        Objects.requireNonNull(couldNotVerify, "couldNotVerify");
    }

    public Severity of(GateStatus status) {
        return switch (status) {
            case PASS -> Severity.NONE;
            case FAIL -> fail;
            case MISSING -> missing;
            case STALE -> stale;
            case COULD_NOT_VERIFY -> couldNotVerify;
        };
    }
}
