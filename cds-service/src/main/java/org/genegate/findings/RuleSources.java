package org.genegate.findings;

import java.util.List;
import java.util.Map;

/**
 * The source classes a gate's findings rest on unless the gate names others for a particular finding
 * (e.g. the inhibitor gate's history finding rests on payer policy, its positive-test finding on the label).
 */
public final class RuleSources {

    private static final Map<String, List<SourceClass>> DEFAULTS = Map.ofEntries(
            Map.entry("age", List.of(SourceClass.LABEL)),
            Map.entry("prior-gene-therapy", List.of(SourceClass.SMPC, SourceClass.PAYER)),
            Map.entry("fix-inhibitor", List.of(SourceClass.LABEL)),
            Map.entry("nab-aav5", List.of(SourceClass.SMPC)),
            Map.entry("diagnosis", List.of(SourceClass.LABEL)),
            Map.entry("fix-activity", List.of(SourceClass.PAYER, SourceClass.TRIAL)),
            Map.entry("prophylaxis-or-bleeds", List.of(SourceClass.LABEL)),
            Map.entry("infections", List.of(SourceClass.PAYER, SourceClass.TRIAL)),
            Map.entry("baseline-liver", List.of(SourceClass.LABEL)),
            Map.entry("monitoring-plan", List.of(SourceClass.LABEL)),
            Map.entry("weight-and-dose", List.of(SourceClass.LABEL)),
            Map.entry("site-of-care", List.of(SourceClass.PAYER)),
            Map.entry("prescriber", List.of(SourceClass.PAYER)),
            Map.entry("coding", List.of(SourceClass.CODE_SET)),
            Map.entry("payer", List.of(SourceClass.PAYER)));

    private RuleSources() {
    }

    /** The default source classes of a gate; a gate the map does not know is attributed to the team. */
    public static List<SourceClass> of(String gateId) {
        return DEFAULTS.getOrDefault(gateId, List.of(SourceClass.TEAM_DEFAULT));
    }
}
