package org.genegate.gates;

import java.util.List;
import java.util.Locale;
import org.genegate.findings.Severity;
import org.genegate.policy.GateSettings;
import org.genegate.policy.PolicyNode;
import org.genegate.policy.Severities;

/**
 * Settings of the {@code aav5-total-antibody} kind: a qualitative anti-AAV5 total antibody result (Detected / Not
 * detected, no titer), where the label requires a negative result by an FDA-approved test.
 *
 * @param valueSet          the ValueSet of the result codes the gate reads
 * @param approvedTestNames words in {@code Observation.method} (text or coding display, case-insensitive) that name
 *                          an FDA-approved test, e.g. {@code DetectCDx}
 * @param approvedTest      how the order remedy names the approved test, e.g. the laboratory and its test number
 * @param otherTestSeverity for a Not detected result whose method names no approved test (or none at all)
 * @param validatedInMales  the approved test was validated in males only: a pass for a female patient carries that
 *                          as information
 */
public record Aav5TotalAntibodySettings(boolean enabled, Severities severities, String source, String valueSet,
                                        List<String> approvedTestNames, String approvedTest,
                                        Severity otherTestSeverity, boolean validatedInMales)
        implements GateSettings {

    public static final String ID = "aav5-total-antibody";

    public Aav5TotalAntibodySettings {
        approvedTestNames = approvedTestNames.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
    }

    /** Reads a section of the {@code aav5-total-antibody} kind. */
    public static Aav5TotalAntibodySettings read(PolicyNode g) {
        g.allowGateKeys("valueSet", "approvedTestNames", "approvedTest", "otherTestSeverity", "validatedInMales");
        return new Aav5TotalAntibodySettings(g.bool("enabled"), g.severities(), g.text("source"), g.text("valueSet"),
                g.textList("approvedTestNames", false), g.text("approvedTest"), g.severity("otherTestSeverity"),
                g.bool("validatedInMales"));
    }
}
