package org.genegate.gates;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.genegate.clinical.Observations;
import org.genegate.clinical.Units;
import org.genegate.findings.Severity;
import org.genegate.policy.GateSettings;
import org.genegate.policy.PolicyException;
import org.genegate.policy.PolicyNode;
import org.genegate.policy.Severities;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;

/**
 * Settings of the {@code baseline-liver} gate.
 *
 * @param windowDays              the latest ALT, AST, ALP and total bilirubin must be at most this old
 * @param ulnMultiple             a value above this multiple of the upper limit of normal fails
 * @param defaultUpperLimits      LOINC code → unit → upper limit of normal; used only when the lab's
 *                                Observation has no referenceRange.high (the lab's own limit wins)
 * @param imagingWindowDays       the liver ultrasound and elastography reports must be at most this old
 * @param advancedDiseaseSeverity the severity of cirrhosis or advanced fibrosis found on imaging
 * @param advancedDiseaseCodes    {@code system|code} of report conclusions that mean cirrhosis or advanced fibrosis
 * @param normalFindingCodes      {@code system|code} of report conclusions that mean a normal study
 * @param stiffnessAdvancedKpa    a liver stiffness at or above this (kPa) reads as advanced chronic liver disease
 * @param stiffnessSuggestiveKpa  a liver stiffness at or above this (kPa), below the advanced cut-off, is abnormal
 * @param advancedDiseaseBasis    what the product's label or SmPC says of cirrhosis or advanced fibrosis, for the
 *                                message
 * @param consultBasis            where the hepatology consultation is advised, for its suggestion
 */
public record BaselineLiverSettings(boolean enabled, Severities severities, String source, int windowDays,
                                    BigDecimal ulnMultiple, Map<String, Map<String, BigDecimal>> defaultUpperLimits,
                                    int imagingWindowDays, Severity advancedDiseaseSeverity,
                                    Set<String> advancedDiseaseCodes, Set<String> normalFindingCodes,
                                    BigDecimal stiffnessAdvancedKpa, BigDecimal stiffnessSuggestiveKpa,
                                    String advancedDiseaseBasis, String consultBasis)
        implements GateSettings {

    /** The liver tests the gate reads; each needs a default upper limit. */
    private static final List<String> LIVER_TESTS = List.of("1742-6", "1920-8", "6768-6", "1975-2");
    public static final String ID = "baseline-liver";

    public BaselineLiverSettings {
        Map<String, Map<String, BigDecimal>> copy = new LinkedHashMap<>();
        defaultUpperLimits.forEach(
                (code, byUnit) -> copy.put(code, Collections.unmodifiableMap(new LinkedHashMap<>(byUnit))));
        defaultUpperLimits = Collections.unmodifiableMap(copy);
        advancedDiseaseCodes = Set.copyOf(advancedDiseaseCodes);
        normalFindingCodes = Set.copyOf(normalFindingCodes);
        if (stiffnessSuggestiveKpa.compareTo(stiffnessAdvancedKpa) > 0) {
            throw new PolicyException("gates.baseline-liver.stiffnessSuggestiveKpa must not exceed stiffnessAdvancedKpa");
        }
    }

    /** Whether a report conclusion {@code system|code} means cirrhosis or advanced fibrosis. */
    public boolean advancedDisease(String system, String code) {
        return advancedDiseaseCodes.contains(system + "|" + code);
    }

    /** Whether a report conclusion {@code system|code} means a normal study. */
    public boolean normalFinding(String system, String code) {
        return normalFindingCodes.contains(system + "|" + code);
    }

    /**
     * The upper limit of normal of a liver test: the lab's own wins; the policy's default for the test and unit is
     * the fallback. Read before the order by the gate and after the infusion by the ALT check.
     */
    public Optional<BigDecimal> upperLimit(Observation observation, Quantity value, String loincCode) {
        Optional<BigDecimal> lab = Observations.referenceHigh(observation, value);
        if (lab.isPresent()) {
            return lab;
        }
        Optional<BigDecimal> byCode = defaultUpperLimit(loincCode, value.getCode());
        return byCode.isPresent() ? byCode : defaultUpperLimit(loincCode, value.getUnit());
    }

    /** The default upper limit for a test reported in the given unit, compared as UCUM-ish unit text. */
    public Optional<BigDecimal> defaultUpperLimit(String loincCode, String unit) {
        Map<String, BigDecimal> byUnit = defaultUpperLimits.get(loincCode);
        if (byUnit == null || unit == null) {
            return Optional.empty();
        }
        for (Map.Entry<String, BigDecimal> entry : byUnit.entrySet()) {
            if (Units.same(entry.getKey(), unit)) {
                return Optional.of(entry.getValue());
            }
        }
        return Optional.empty();
    }

    /** Reads the {@code baseline-liver} section of the policy. */
    public static BaselineLiverSettings read(PolicyNode g) {
        g.allowGateKeys("windowDays", "ulnMultiple", "defaultUpperLimits", "imagingWindowDays",
                "advancedDiseaseSeverity", "advancedDiseaseCodes", "normalFindingCodes", "stiffnessAdvancedKpa",
                "stiffnessSuggestiveKpa", "advancedDiseaseBasis", "consultBasis");
        PolicyNode limits = g.object("defaultUpperLimits");
        limits.allowOnly(new LinkedHashSet<>(LIVER_TESTS));
        Map<String, Map<String, BigDecimal>> byTest = new LinkedHashMap<>();
        for (String test : LIVER_TESTS) {
            byTest.put(test, limits.positiveDecimalMap(test));
        }
        return new BaselineLiverSettings(g.bool("enabled"), g.severities(), g.text("source"),
                g.positiveInt("windowDays"), g.positiveDecimal("ulnMultiple"), byTest, g.positiveInt("imagingWindowDays"),
                g.severity("advancedDiseaseSeverity"), codes(g, "advancedDiseaseCodes"), codes(g, "normalFindingCodes"),
                g.positiveDecimal("stiffnessAdvancedKpa"), g.positiveDecimal("stiffnessSuggestiveKpa"),
                g.text("advancedDiseaseBasis"), g.text("consultBasis"));
    }

    /** A list of {@code system|code} strings, each with both parts. */
    private static Set<String> codes(PolicyNode g, String key) {
        Set<String> codes = new LinkedHashSet<>();
        for (String code : g.textList(key, false)) {
            int bar = code.indexOf('|');
            if (bar <= 0 || bar == code.length() - 1) {
                throw new PolicyException("gates.baseline-liver." + key + ": '" + code + "' is not system|code");
            }
            codes.add(code);
        }
        return codes;
    }
}
