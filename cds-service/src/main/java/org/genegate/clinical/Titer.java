package org.genegate.clinical;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Optional;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Ratio;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;

/**
 * A neutralizing-antibody titer 1:N as a lab reports it: a Ratio 1:N (or 2:1356, read as 1:678),
 * a string "1:N", "<1:N" or ">1:N" (spaces tolerated), or a Quantity N (with its comparator).
 *
 * @param dilution N
 * @param bound    whether the lab reported exactly N, below N or above N
 */
public record Titer(BigDecimal dilution, Bound bound) {

    public enum Bound {
        EXACT,
        /** "<1:N": the titer is below N; N itself is not reached. */
        BELOW,
        /** "<=1:N": the titer is N or below. */
        AT_MOST,
        /** ">1:N" or ">=1:N": the titer is N or above. */
        ABOVE
    }

    /** The titer the Observation reports, or empty when its value cannot be read as one. */
    public static Optional<Titer> read(Observation observation) {
        Type value = observation.getValue();
        if (value instanceof Ratio ratio) {
            return fromRatio(ratio);
        }
        if (value instanceof StringType string) {
            return parse(string.getValue());
        }
        if (value instanceof Quantity quantity && quantity.getValue() != null && quantity.getValue().signum() > 0) {
            return Optional.of(new Titer(quantity.getValue(), bound(quantity.getComparator())));
        }
        return Optional.empty();
    }

    private static Optional<Titer> fromRatio(Ratio ratio) {
        BigDecimal numerator = ratio.getNumerator().getValue();
        BigDecimal denominator = ratio.getDenominator().getValue();
        if (numerator == null || denominator == null || numerator.signum() <= 0 || denominator.signum() <= 0) {
            return Optional.empty();
        }
        // A Ratio has one comparator, on either side; "<" on the numerator or denominator alike means "below".
        Quantity.QuantityComparator comparator = ratio.getDenominator().hasComparator()
                ? ratio.getDenominator().getComparator() : ratio.getNumerator().getComparator();
        return Optional.of(new Titer(denominator.divide(numerator, MathContext.DECIMAL64), bound(comparator)));
    }

    private static Bound bound(Quantity.QuantityComparator comparator) {
        if (comparator == Quantity.QuantityComparator.LESS_THAN) {
            return Bound.BELOW;
        }
        if (comparator == Quantity.QuantityComparator.LESS_OR_EQUAL) {
            return Bound.AT_MOST;
        }
        if (comparator == Quantity.QuantityComparator.GREATER_THAN
                || comparator == Quantity.QuantityComparator.GREATER_OR_EQUAL) {
            return Bound.ABOVE;
        }
        return Bound.EXACT;
    }

    /** Parses "1:900", "1 : 900", "<1:50", "< 1:50", "<=1:50", ">1:3212" and "≤"/"≥" forms; anything else is unreadable. */
    static Optional<Titer> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        StringBuilder compact = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                compact.append(c);
            }
        }
        String s = compact.toString();
        Bound bound = Bound.EXACT;
        if (s.startsWith("<=") || s.startsWith(">=")) {
            bound = s.charAt(0) == '<' ? Bound.AT_MOST : Bound.ABOVE;
            s = s.substring(2);
        } else if (s.startsWith("≤")) {
            bound = Bound.AT_MOST;
            s = s.substring(1);
        } else if (s.startsWith("<")) {
            bound = Bound.BELOW;
            s = s.substring(1);
        } else if (s.startsWith(">") || s.startsWith("≥")) {
            bound = Bound.ABOVE;
            s = s.substring(1);
        }
        int colon = s.indexOf(':');
        if (colon <= 0 || colon != s.lastIndexOf(':')) {
            return Optional.empty();
        }
        try {
            BigDecimal numerator = new BigDecimal(s.substring(0, colon));
            BigDecimal denominator = new BigDecimal(s.substring(colon + 1));
            if (numerator.signum() <= 0 || denominator.signum() <= 0) {
                return Optional.empty();
            }
            return Optional.of(new Titer(denominator.divide(numerator, MathContext.DECIMAL64), bound));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** "1:678", "<1:50", ">1:3212". */
    public String text() {
        String prefix = switch (bound) {
            case EXACT -> "";
            case BELOW -> "<";
            case AT_MOST -> "<=";
            case ABOVE -> ">";
        };
        return prefix + "1:" + Numbers.plain(dilution);
    }
}
