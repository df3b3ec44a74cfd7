package org.genegate.policy;

import java.util.List;
import java.util.Locale;

/**
 * Settings of the {@code prior-gene-therapy} gate: names of other hemophilia B gene therapies,
 * matched case-insensitively in medication and procedure text.
 */
public record PriorGeneTherapySettings(boolean enabled, Severities severities, String source,
                                       List<String> otherGeneTherapyNames) implements GateSettings {

    public static final String ID = "prior-gene-therapy";

    public PriorGeneTherapySettings {
        otherGeneTherapyNames = List.copyOf(otherGeneTherapyNames);
    }

    @Override
    public String gateId() {
        return ID;
    }

    /** The names in lower case, so a gate compares without lower-casing the policy on every call. */
    public List<String> otherGeneTherapyNamesLowerCase() {
        return otherGeneTherapyNames.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
    }
}
