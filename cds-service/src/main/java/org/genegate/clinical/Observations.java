package org.genegate.clinical;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.genegate.findings.Evidence;
import org.genegate.record.PatientRecord;
import org.genegate.record.RecordPart;
import org.genegate.terminology.CodeIndex;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Ratio;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;

/**
 * Reading lab Observations the same way in every gate: which ones count as results, their date,
 * their age against the order date, their newest-first order, their quantity and their positivity.
 */
public final class Observations {

    /** SNOMED CT qualifier values labs send for a positive / detected finding. */
    private static final Set<String> SNOMED_POSITIVE = Set.of("10828004", "260373001");
    /** SNOMED CT qualifier values for negative / not detected. */
    private static final Set<String> SNOMED_NEGATIVE = Set.of("260385009", "260415000");
    /**
     * Interpretation codes (v3 ObservationInterpretation, v2 0078) that say positive: the spec's
     * POS, DET, H and A, plus their critical forms HH and AA, which are no less positive.
     */
    private static final Set<String> INTERPRETATION_POSITIVE = Set.of("POS", "DET", "H", "A", "HH", "AA");
    private static final Set<String> INTERPRETATION_NEGATIVE = Set.of("NEG", "ND", "N");

    /** Newest first: by effective day, then by the exact time, then by issued; undated results last. */
    public static final Comparator<Observation> NEWEST_FIRST = Comparator
            .comparing((Observation o) -> effectiveDate(o).orElse(LocalDate.MIN))
            .thenComparing(Observations::effectiveMillis)
            .thenComparing(o -> o.hasIssued() ? o.getIssued().getTime() : Long.MIN_VALUE)
            .reversed();

    private Observations() {
    }

    /** Only final, amended or corrected Observations are results; preliminary, cancelled and entered-in-error are not. */
    public static boolean isResult(Observation observation) {
        Observation.ObservationStatus status = observation.getStatus();
        return status == Observation.ObservationStatus.FINAL
                || status == Observation.ObservationStatus.AMENDED
                || status == Observation.ObservationStatus.CORRECTED;
    }

    /** Results whose code is in the ValueSet, newest first. */
    public static List<Observation> results(PatientRecord record, CodeIndex codes, String valueSetUrl) {
        List<Observation> matching = new ArrayList<>();
        for (Observation observation : record.resources(RecordPart.OBSERVATIONS, Observation.class)) {
            if (isResult(observation) && observation.hasCode()
                    && codes.firstMatch(valueSetUrl, observation.getCode()).isPresent()) {
                matching.add(observation);
            }
        }
        matching.sort(NEWEST_FIRST);
        return matching;
    }

    /** Results with this LOINC (or other) code, newest first. */
    public static List<Observation> results(PatientRecord record, String system, String code) {
        List<Observation> matching = new ArrayList<>();
        for (Observation observation : record.resources(RecordPart.OBSERVATIONS, Observation.class)) {
            if (isResult(observation) && observation.hasCode() && hasCode(observation.getCode(), system, code)) {
                matching.add(observation);
            }
        }
        matching.sort(NEWEST_FIRST);
        return matching;
    }

    public static boolean hasCode(CodeableConcept concept, String system, String code) {
        for (Coding coding : concept.getCoding()) {
            if (system.equals(coding.getSystem()) && coding.getCode() != null && code.equals(coding.getCode().strip())) {
                return true;
            }
        }
        return false;
    }

    /** The code of the first coding with this system, or null: to tell 3185-6 from 30086-3, say. */
    public static String codeOf(Observation observation, String system) {
        if (!observation.hasCode()) {
            return null;
        }
        for (Coding coding : observation.getCode().getCoding()) {
            if (system.equals(coding.getSystem()) && coding.getCode() != null) {
                return coding.getCode().strip();
            }
        }
        return null;
    }

    /** The gate spec's result date: effectiveDateTime (or instant), else effectivePeriod.start, else issued. */
    public static Optional<LocalDate> effectiveDate(Observation observation) {
        Type effective = observation.getEffective();
        if (effective instanceof BaseDateTimeType dateTime && dateTime.getValue() != null) {
            return FhirDates.earliestDay(dateTime);
        }
        if (effective instanceof Period period && period.getStartElement().getValue() != null) {
            return FhirDates.earliestDay(period.getStartElement());
        }
        if (observation.hasIssuedElement()) {
            return FhirDates.earliestDay(observation.getIssuedElement());
        }
        return Optional.empty();
    }

    private static long effectiveMillis(Observation observation) {
        Type effective = observation.getEffective();
        if (effective instanceof BaseDateTimeType dateTime && dateTime.getValue() != null) {
            return dateTime.getValue().getTime();
        }
        if (effective instanceof Period period && period.getStart() != null) {
            return period.getStart().getTime();
        }
        return Long.MIN_VALUE;
    }

    /** Days from the result to the order; empty for an undated result, which cannot show it is recent. */
    public static Optional<Long> daysOld(Observation observation, LocalDate orderDate) {
        return effectiveDate(observation).map(date -> ChronoUnit.DAYS.between(date, orderDate));
    }

    /** Whether the result is at most the window old (inclusive); an undated result is not. */
    public static boolean withinDays(Observation observation, LocalDate orderDate, int windowDays) {
        return daysOld(observation, orderDate).map(days -> days <= windowDays).orElse(false);
    }

    /** The valueQuantity when it has a number. */
    public static Optional<Quantity> quantity(Observation observation) {
        if (observation.getValue() instanceof Quantity quantity && quantity.getValue() != null) {
            return Optional.of(quantity);
        }
        return Optional.empty();
    }

    /** The numeric value when it has a number, whatever the unit. */
    public static Optional<BigDecimal> number(Observation observation) {
        return quantity(observation).map(Quantity::getValue);
    }

    /**
     * Positivity from the coded value, a plain text value and the interpretation: positive when any
     * of them says positive (a lab that flags "H" on a low number is not overruled), negative when
     * one says negative and none positive, else unknown.
     */
    public static Positivity qualitative(Observation observation) {
        boolean negative = false;
        Type value = observation.getValue();
        if (value instanceof CodeableConcept concept) {
            for (Coding coding : concept.getCoding()) {
                String code = coding.getCode();
                if (GeneGateTerminology.SNOMED.equals(coding.getSystem()) && SNOMED_POSITIVE.contains(code)) {
                    return Positivity.POSITIVE;
                }
                if (GeneGateTerminology.SNOMED.equals(coding.getSystem()) && SNOMED_NEGATIVE.contains(code)) {
                    negative = true;
                }
            }
            Positivity text = fromWords(concept.getText());
            if (text == Positivity.POSITIVE) {
                return Positivity.POSITIVE;
            }
            negative |= text == Positivity.NEGATIVE;
        } else if (value instanceof StringType string) {
            Positivity text = fromWords(string.getValue());
            if (text == Positivity.POSITIVE) {
                return Positivity.POSITIVE;
            }
            negative |= text == Positivity.NEGATIVE;
        }
        for (CodeableConcept interpretation : observation.getInterpretation()) {
            for (Coding coding : interpretation.getCoding()) {
                String code = coding.getCode() == null ? "" : coding.getCode().strip().toUpperCase(Locale.ROOT);
                if (INTERPRETATION_POSITIVE.contains(code)) {
                    return Positivity.POSITIVE;
                }
                negative |= INTERPRETATION_NEGATIVE.contains(code);
            }
        }
        return negative ? Positivity.NEGATIVE : Positivity.UNKNOWN;
    }

    /** Combines a numeric reading with the qualitative one: any positive wins, then any negative. */
    public static Positivity either(Positivity a, Positivity b) {
        if (a == Positivity.POSITIVE || b == Positivity.POSITIVE) {
            return Positivity.POSITIVE;
        }
        if (a == Positivity.NEGATIVE || b == Positivity.NEGATIVE) {
            return Positivity.NEGATIVE;
        }
        return Positivity.UNKNOWN;
    }

    /** Plain words labs write; the negative forms are checked first because "not detected" contains "detected". */
    static Positivity fromWords(String text) {
        if (text == null) {
            return Positivity.UNKNOWN;
        }
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("negative") || t.equals("not detected") || t.equals("non-reactive") || t.equals("nonreactive")
                || t.equals("undetected")) {
            return Positivity.NEGATIVE;
        }
        if (t.equals("positive") || t.equals("detected") || t.equals("reactive")) {
            return Positivity.POSITIVE;
        }
        return Positivity.UNKNOWN;
    }

    /** A value as read for a message and for Evidence, e.g. "0.8 BU" or "Positive". */
    public static String valueText(Observation observation) {
        Type value = observation.getValue();
        if (value instanceof Quantity quantity && quantity.getValue() != null) {
            String comparator = quantity.hasComparator() ? quantity.getComparator().toCode() : "";
            return (comparator + Numbers.plain(quantity.getValue()) + " " + Units.label(quantity)).strip();
        }
        if (value instanceof CodeableConcept concept) {
            if (concept.hasText()) {
                return concept.getText();
            }
            for (Coding coding : concept.getCoding()) {
                return coding.hasDisplay() ? coding.getDisplay() : coding.getCode();
            }
        }
        if (value instanceof StringType string) {
            return string.getValue();
        }
        if (value instanceof Ratio ratio) {
            return Numbers.plain(ratio.getNumerator().getValue()) + ":" + Numbers.plain(ratio.getDenominator().getValue());
        }
        if (value != null && value.isPrimitive()) {
            return value.primitiveValue();
        }
        return "no value";
    }

    /** Evidence for one result, with its reference, value and date. */
    public static Evidence evidence(Observation observation, String what) {
        return new Evidence(References.of(observation), what, valueText(observation),
                effectiveDate(observation).orElse(null));
    }

    /** "(2026-11-01)" or "(undated)", for messages. */
    public static String dated(Observation observation) {
        return effectiveDate(observation).map(d -> "(" + d + ")").orElse("(undated)");
    }

    /** The upper end of the result's own reference range, when it is given in the result's unit (or unitless). */
    public static Optional<BigDecimal> referenceHigh(Observation observation, Quantity value) {
        for (Observation.ObservationReferenceRangeComponent range : observation.getReferenceRange()) {
            Quantity high = range.getHigh();
            boolean sameUnit = !high.hasCode() && !high.hasUnit()
                    || Units.same(high.getCode(), value.getCode()) || Units.same(high.getUnit(), value.getUnit())
                    || Units.same(high.getCode(), value.getUnit()) || Units.same(high.getUnit(), value.getCode());
            if (high.getValue() != null && high.getValue().signum() > 0 && sameUnit) {
                return Optional.of(high.getValue());
            }
        }
        return Optional.empty();
    }
}
