package org.genegate.findings;

import java.util.List;

/**
 * What one gate found for one order.
 *
 * @param gateId    the policy's gate id, e.g. {@code nab-aav5}
 * @param status    pass / fail / missing / stale / could-not-verify
 * @param severity  from the policy for this status; {@link Severity#NONE} for a pass
 * @param message   one sentence for a clinician, e.g. "Anti-AAV5 NAb titer 1:900 (2026-11-01) is at or above 1:678."
 * @param evidence  what in the record the finding rests on
 * @param source    where the gate's rules come from, as the policy cites them
 * @param sourceClasses the kinds of source this finding itself rests on (label, SmPC, payer, ...); never empty
 * @param remedies  what would fix it; empty when nothing can be suggested
 */
public record GateFinding(String gateId, GateStatus status, Severity severity, String message,
                          List<Evidence> evidence, String source, List<SourceClass> sourceClasses,
                          List<Remedy> remedies) {

    public GateFinding {
        evidence = List.copyOf(evidence);
        sourceClasses = List.copyOf(sourceClasses);
        if (sourceClasses.isEmpty()) {
            throw new IllegalArgumentException("A finding of " + gateId + " must name the class of its source");
        }
        remedies = List.copyOf(remedies);
    }

    public boolean passed() {
        return status == GateStatus.PASS;
    }
}
