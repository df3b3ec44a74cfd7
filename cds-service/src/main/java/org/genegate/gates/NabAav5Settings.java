package org.genegate.gates;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import org.genegate.policy.GateSettings;
import org.genegate.policy.PolicyNode;
import org.genegate.policy.Severities;

/**
 * Settings of the {@code nab-aav5} gate. The EU SmPC's caution depends on the assay, so each assay has its own
 * limit, and the assay is recognised from the words of {@code Observation.method}.
 *
 * @param windowDays                the latest titer must be at most this many days old
 * @param clinicalStudyTiterLimit   a titer 1:N above this fails on the clinical-study assay (exactly the limit passes);
 *                                  also used when the assay is not named
 * @param extendedRangeTiterLimit   the same for the extended-range assay
 * @param extendedRangeAssayNames   words in {@code Observation.method} that name the extended-range assay
 * @param clinicalStudyAssayNames   words in {@code Observation.method} that name the clinical-study assay
 */
public record NabAav5Settings(boolean enabled, Severities severities, String source, int windowDays,
                              BigDecimal clinicalStudyTiterLimit, BigDecimal extendedRangeTiterLimit,
                              List<String> extendedRangeAssayNames, List<String> clinicalStudyAssayNames)
        implements GateSettings {

    public static final String ID = "nab-aav5";

    public NabAav5Settings {
        extendedRangeAssayNames = lowerCase(extendedRangeAssayNames);
        clinicalStudyAssayNames = lowerCase(clinicalStudyAssayNames);
    }

    private static List<String> lowerCase(List<String> names) {
        return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
    }

    /** Reads the {@code nab-aav5} section of the policy. */
    public static NabAav5Settings read(PolicyNode g) {
        g.allowGateKeys("windowDays", "clinicalStudyTiterLimit", "extendedRangeTiterLimit", "extendedRangeAssayNames",
                "clinicalStudyAssayNames");
        return new NabAav5Settings(g.bool("enabled"), g.severities(), g.text("source"), g.positiveInt("windowDays"),
                g.positiveDecimal("clinicalStudyTiterLimit"), g.positiveDecimal("extendedRangeTiterLimit"),
                g.textList("extendedRangeAssayNames", false), g.textList("clinicalStudyAssayNames", false));
    }
}
