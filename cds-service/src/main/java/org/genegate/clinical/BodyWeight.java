package org.genegate.clinical;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Optional;
import org.genegate.record.PatientRecord;
import org.genegate.terminology.CodeIndex;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;

/**
 * The patient's latest body weight in kilograms, read from kg, g or [lb_av]: what the dose, the vial count
 * and the kit size follow.
 *
 * @param observation the weight result it was read from
 * @param kg          the weight in kilograms
 */
public record BodyWeight(Observation observation, BigDecimal kg) {

    private static final BigDecimal KG_PER_POUND = new BigDecimal("0.45359237");
    private static final BigDecimal GRAMS_PER_KG = BigDecimal.valueOf(1000);

    /** The newest body weight in a readable unit; empty when none is on record. */
    public static Optional<BodyWeight> latest(PatientRecord record, CodeIndex codes) {
        for (Observation observation : Observations.results(record, codes, GeneGateTerminology.VS_BODY_WEIGHT)) {
            Optional<BigDecimal> value = Observations.quantity(observation).flatMap(BodyWeight::kilograms);
            if (value.isPresent()) {
                return Optional.of(new BodyWeight(observation, value.get()));
            }
        }
        return Optional.empty();
    }

    /** A body weight in kilograms from kg, g or [lb_av] (also the unit texts lb, lbs, kg, g). */
    static Optional<BigDecimal> kilograms(Quantity quantity) {
        BigDecimal value = quantity.getValue();
        if (value == null || value.signum() <= 0) {
            return Optional.empty();
        }
        if (Units.isOneOf(quantity, "kg")) {
            return Optional.of(value);
        }
        if (Units.isOneOf(quantity, "g")) {
            return Optional.of(value.divide(GRAMS_PER_KG, MathContext.DECIMAL64));
        }
        if (Units.isOneOf(quantity, "[lb_av]", "lb", "lbs")) {
            return Optional.of(value.multiply(KG_PER_POUND));
        }
        return Optional.empty();
    }
}
