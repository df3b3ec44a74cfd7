package org.genegate.gates;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import org.genegate.clinical.Numbers;
import org.genegate.findings.Remedy;

/**
 * The weight-based dose of one product, e.g. Hemgenix 70 kg → 1.4 × 10^15 gc = 140 mL = 14 vials; Roctavian
 * 70 kg → 4.2 × 10^15 vg = 210 mL = 27 vials. The vector genomes stay in the product's own unit.
 *
 * @param weightKg     the weight as read (unrounded, so a converted pound weight is exact)
 * @param millilitres  mL/kg × weight, unrounded: what an ordered volume is compared with
 * @param genomeCopies vector genomes per kg × weight, unrounded: what an ordered count is compared with
 * @param policy       the dose settings: unit, dose per kg, vial volume
 * @param product      the product's name, for the suggestion's dosage text
 */
public record DoseCalculation(BigDecimal weightKg, BigDecimal millilitres, BigDecimal genomeCopies,
                              WeightAndDoseSettings policy, String product) {

    public static DoseCalculation of(BigDecimal weightKg, WeightAndDoseSettings policy, String product) {
        return new DoseCalculation(weightKg, weightKg.multiply(policy.millilitresPerKg()),
                weightKg.multiply(policy.dosePerKg()), policy, product);
    }

    /** The volume to order, to 0.1 mL. */
    public BigDecimal roundedMillilitres() {
        return millilitres.setScale(1, RoundingMode.HALF_UP).stripTrailingZeros();
    }

    /** Whole vials for the rounded volume (the volume that will be ordered). */
    public int vials() {
        return roundedMillilitres().divide(policy.vialMillilitres(), 0, RoundingMode.CEILING).intValueExact();
    }

    /** The update suggestion: volume to 0.1 mL, genome copies to 4 significant digits, weight to 0.01 kg. */
    public Remedy.UpdateDose remedy() {
        return new Remedy.UpdateDose(roundedMillilitres(),
                genomeCopies.round(new MathContext(4, RoundingMode.HALF_UP)).stripTrailingZeros(), vials(),
                weightKg.setScale(2, RoundingMode.HALF_UP).stripTrailingZeros(), product, policy.doseUnit(),
                policy.dosePerKg());
    }

    /** "140 mL = 1.4 × 10^15 gc, 14 vials". */
    public String text() {
        return Numbers.plain(roundedMillilitres()) + " mL = " + Numbers.count(genomeCopies) + " " + policy.doseUnit()
                + ", " + vials() + " vials";
    }
}
