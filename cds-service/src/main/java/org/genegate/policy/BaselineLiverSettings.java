package org.genegate.policy;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.genegate.gates.Units;

/**
 * Settings of the {@code baseline-liver} gate.
 *
 * @param windowDays         the latest ALT, AST, ALP and total bilirubin must be at most this old
 * @param ulnMultiple        a value above this multiple of the upper limit of normal fails
 * @param defaultUpperLimits LOINC code → unit → upper limit of normal; used only when the lab's
 *                           Observation has no referenceRange.high (the lab's own limit wins)
 */
public record BaselineLiverSettings(boolean enabled, Severities severities, String source, int windowDays,
                                    BigDecimal ulnMultiple, Map<String, Map<String, BigDecimal>> defaultUpperLimits)
        implements GateSettings {

    public static final String ID = "baseline-liver";

    public BaselineLiverSettings {
        Map<String, Map<String, BigDecimal>> copy = new LinkedHashMap<>();
        defaultUpperLimits.forEach(
                (code, byUnit) -> copy.put(code, Collections.unmodifiableMap(new LinkedHashMap<>(byUnit))));
        defaultUpperLimits = Collections.unmodifiableMap(copy);
    }

    @Override
    public String gateId() {
        return ID;
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
}
