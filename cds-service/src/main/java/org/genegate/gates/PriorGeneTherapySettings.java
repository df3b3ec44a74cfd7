package org.genegate.gates;

import java.util.List;
import java.util.Locale;
import org.genegate.findings.Severity;
import org.genegate.policy.GateSettings;
import org.genegate.policy.PolicyNode;
import org.genegate.policy.Severities;

/**
 * Settings of the {@code prior-gene-therapy} gate.
 *
 * @param otherGeneTherapyNames  names of other hemophilia B gene therapies, matched case-insensitively in
 *                               medication and procedure text
 * @param duplicateOrderSeverity the severity of another open order of the product when no dose is on record
 * @param otherGeneTherapies     how messages name the other therapies, e.g. "hemophilia B gene therapy"
 */
public record PriorGeneTherapySettings(boolean enabled, Severities severities, String source,
                                       List<String> otherGeneTherapyNames, Severity duplicateOrderSeverity,
                                       String otherGeneTherapies)
        implements GateSettings {

    public static final String ID = "prior-gene-therapy";

    public PriorGeneTherapySettings {
        otherGeneTherapyNames = List.copyOf(otherGeneTherapyNames);
    }

    /** The names in lower case, so a gate compares without lower-casing the policy on every call. */
    public List<String> otherGeneTherapyNamesLowerCase() {
        return otherGeneTherapyNames.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
    }

    /** Reads the {@code prior-gene-therapy} section of the policy. */
    public static PriorGeneTherapySettings read(PolicyNode g) {
        g.allowGateKeys("otherGeneTherapyNames", "duplicateOrderSeverity", "otherGeneTherapies");
        return new PriorGeneTherapySettings(g.bool("enabled"), g.severities(), g.text("source"),
                g.textList("otherGeneTherapyNames", true), g.severity("duplicateOrderSeverity"),
                g.text("otherGeneTherapies"));
    }
}
