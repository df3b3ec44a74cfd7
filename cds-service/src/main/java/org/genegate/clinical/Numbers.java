package org.genegate.clinical;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Number formatting for messages: plain digits for small values, "1.4 × 10^15" for genome copies. */
public final class Numbers {

    private static final BigDecimal TEN_THOUSAND = BigDecimal.valueOf(10_000);

    private Numbers() {
    }

    /** 0.60 → "0.6", 140.0 → "140"; null → "?". */
    public static String plain(BigDecimal value) {
        if (value == null) {
            return "?";
        }
        return value.stripTrailingZeros().toPlainString();
    }

    /** Scientific form for large counts (genome copies), plain otherwise: 1.4E+15 → "1.4 × 10^15". */
    public static String count(BigDecimal value) {
        if (value == null) {
            return "?";
        }
        if (value.abs().compareTo(TEN_THOUSAND) < 0) {
            return plain(value);
        }
        BigDecimal rounded = value.round(new MathContext(4, RoundingMode.HALF_UP)).stripTrailingZeros();
        int exponent = rounded.precision() - rounded.scale() - 1;
        BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
        return mantissa.toPlainString() + " × 10^" + exponent;
    }
}
