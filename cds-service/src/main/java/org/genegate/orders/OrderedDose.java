package org.genegate.orders;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Optional;
import org.genegate.clinical.Numbers;
import org.genegate.clinical.Observations;
import org.genegate.clinical.Units;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Quantity;

/**
 * The dose written on a product order: the first dosageInstruction's first doseQuantity, in mL or
 * in genome copies (the label unit is gc; "vg", which the billing sheet uses, is read as the same).
 * An entry typed {@code infused-volume} is the diluted volume, not the dose, and is skipped here
 * ({@link #infusedMillilitres(MedicationRequest)} reads it).
 */
public record OrderedDose(BigDecimal value, Kind kind, String unit) {

    public enum Kind {
        MILLILITRES,
        GENOME_COPIES,
        UNKNOWN
    }

    private static final String[] MILLILITRE_UNITS = {"mL"};
    private static final String[] GENOME_COPY_UNITS = {"{gc}", "{genome copies}", "gc", "vg", "{vg}", "genome copies"};

    public static Optional<OrderedDose> of(MedicationRequest request) {
        if (request == null || request.getDosageInstruction().isEmpty()) {
            return Optional.empty();
        }
        Dosage first = request.getDosageInstruction().get(0);
        for (Dosage.DosageDoseAndRateComponent doseAndRate : first.getDoseAndRate()) {
            if (!isInfusedVolume(doseAndRate) && doseAndRate.hasDoseQuantity()
                    && doseAndRate.getDoseQuantity().getValue() != null) {
                Quantity dose = doseAndRate.getDoseQuantity();
                Kind kind = Units.isOneOf(dose, MILLILITRE_UNITS) ? Kind.MILLILITRES
                        : Units.isOneOf(dose, GENOME_COPY_UNITS) ? Kind.GENOME_COPIES : Kind.UNKNOWN;
                return Optional.of(new OrderedDose(dose.getValue(), kind, Units.label(dose)));
            }
        }
        return Optional.empty();
    }

    /**
     * The volume the order says it infuses after dilution in saline: a doseAndRate entry of any dosage typed
     * {@code genegate|infused-volume} with a doseQuantity in mL. Empty when the order does not state it; the
     * undiluted dose is never taken for it, since the diluted volume is what sets the infusion time.
     */
    public static Optional<BigDecimal> infusedMillilitres(MedicationRequest request) {
        if (request == null) {
            return Optional.empty();
        }
        for (Dosage dosage : request.getDosageInstruction()) {
            for (Dosage.DosageDoseAndRateComponent doseAndRate : dosage.getDoseAndRate()) {
                if (isInfusedVolume(doseAndRate) && doseAndRate.hasDoseQuantity()
                        && doseAndRate.getDoseQuantity().getValue() != null
                        && doseAndRate.getDoseQuantity().getValue().signum() > 0
                        && Units.isOneOf(doseAndRate.getDoseQuantity(), MILLILITRE_UNITS)) {
                    return Optional.of(doseAndRate.getDoseQuantity().getValue());
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isInfusedVolume(Dosage.DosageDoseAndRateComponent doseAndRate) {
        return doseAndRate.hasType() && Observations.hasCode(doseAndRate.getType(), GeneGateTerminology.CODE_SYSTEM,
                GeneGateTerminology.INFUSED_VOLUME);
    }

    /** The dose as a volume, converting genome copies at the label concentration; empty for an unknown unit. */
    public Optional<BigDecimal> millilitres(BigDecimal genomeCopiesPerMl) {
        return switch (kind) {
            case MILLILITRES -> Optional.of(value);
            case GENOME_COPIES -> Optional.of(value.divide(genomeCopiesPerMl, MathContext.DECIMAL64));
            case UNKNOWN -> Optional.empty();
        };
    }

    /** "140 mL" or "1.4 × 10^15 gc". */
    public String text() {
        return (kind == Kind.GENOME_COPIES ? Numbers.count(value) : Numbers.plain(value)) + " " + unit;
    }
}
