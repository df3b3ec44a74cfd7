package org.genegate.clinical;

import java.math.BigDecimal;
import java.util.Set;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;

/**
 * How a clotting factor inhibitor (Bethesda) result reads against a positivity threshold: before the order and after
 * the dose.
 */
public final class InhibitorTiters {

    private static final String[] BETHESDA_UNITS = {"[beth'U]", "[beth'U]/mL", "BU", "BU/mL"};
    /** Arbitrary units, as some labs report Bethesda titers: Bethesda units only under a Bethesda code. */
    private static final String[] ARBITRARY_UNITS = {"[arb'U]/mL", "[arb'U]"};
    /** The LOINC codes of Bethesda titers: FIX (3185-6) and FVIII (3204-5) inhibitors. */
    private static final Set<String> BETHESDA_CODES = Set.of(GeneGateTerminology.LOINC_FIX_INHIBITOR_BU,
            GeneGateTerminology.LOINC_FVIII_INHIBITOR_BU);

    private InhibitorTiters() {
    }

    /**
     * A Bethesda titer reads positive at or above the threshold; a unitless number, or one in arbitrary units, under
     * a Bethesda LOINC code is read as Bethesda units, which is what that code measures. The coded
     * value and the interpretation are read too, and any positive wins.
     */
    public static Positivity read(Observation observation, BigDecimal thresholdBu) {
        Positivity numeric = Positivity.UNKNOWN;
        if (observation.getValue() instanceof Quantity quantity && quantity.getValue() != null) {
            boolean unitless = !quantity.hasCode() && !quantity.hasUnit();
            boolean bethesdaCode = BETHESDA_CODES.contains(Observations.codeOf(observation, GeneGateTerminology.LOINC));
            boolean bethesda = Units.isOneOf(quantity, BETHESDA_UNITS)
                    || (bethesdaCode && (unitless || Units.isOneOf(quantity, ARBITRARY_UNITS)));
            if (bethesda) {
                numeric = compare(quantity, thresholdBu);
            }
        }
        return Observations.either(numeric, Observations.qualitative(observation));
    }

    private static Positivity compare(Quantity quantity, BigDecimal threshold) {
        boolean atOrAbove = quantity.getValue().compareTo(threshold) >= 0;
        Quantity.QuantityComparator comparator = quantity.getComparator();
        if (comparator == Quantity.QuantityComparator.LESS_THAN
                || comparator == Quantity.QuantityComparator.LESS_OR_EQUAL) {
            // "< 1.0 BU" does not say whether the titer is below 0.6.
            boolean below = comparator == Quantity.QuantityComparator.LESS_THAN
                    ? quantity.getValue().compareTo(threshold) <= 0
                    : quantity.getValue().compareTo(threshold) < 0;
            return below ? Positivity.NEGATIVE : Positivity.UNKNOWN;
        }
        if (comparator == Quantity.QuantityComparator.GREATER_THAN
                || comparator == Quantity.QuantityComparator.GREATER_OR_EQUAL) {
            return atOrAbove ? Positivity.POSITIVE : Positivity.UNKNOWN;
        }
        return atOrAbove ? Positivity.POSITIVE : Positivity.NEGATIVE;
    }
}
