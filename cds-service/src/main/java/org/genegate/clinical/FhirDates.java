package org.genegate.clinical;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Calendar;
import java.util.Optional;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.MedicationRequest;

/**
 * Calendar dates of FHIR date/dateTime/instant values, read from the value as written (its own
 * time zone), not converted to the server's zone: a result taken late on the 1st is a result of
 * the 1st wherever the service runs. One calendar per value (HAPI's getYear, getMonth and getDay each build
 * their own).
 */
public final class FhirDates {

    private FhirDates() {
    }

    /**
     * The earliest calendar day the value can mean (a value with only a year or month reads as its
     * first day): used for result dates, where reading a partial date as early makes it stale sooner.
     */
    public static Optional<LocalDate> earliestDay(BaseDateTimeType value) {
        if (value == null || value.getValue() == null) {
            return Optional.empty();
        }
        TemporalPrecisionEnum precision = value.getPrecision();
        Calendar written = value.getValueAsCalendar();
        int year = written.get(Calendar.YEAR);
        if (precision == TemporalPrecisionEnum.YEAR) {
            return Optional.of(LocalDate.of(year, 1, 1));
        }
        int month = written.get(Calendar.MONTH) + 1;
        if (precision == TemporalPrecisionEnum.MONTH) {
            return Optional.of(LocalDate.of(year, month, 1));
        }
        return Optional.of(LocalDate.of(year, month, written.get(Calendar.DAY_OF_MONTH)));
    }

    /**
     * The latest calendar day the value can mean (a birth year reads as 31 December): used for
     * birth dates, where reading a partial date late never makes a minor look adult.
     */
    public static Optional<LocalDate> latestDay(BaseDateTimeType value) {
        if (value == null || value.getValue() == null) {
            return Optional.empty();
        }
        TemporalPrecisionEnum precision = value.getPrecision();
        Calendar written = value.getValueAsCalendar();
        int year = written.get(Calendar.YEAR);
        if (precision == TemporalPrecisionEnum.YEAR) {
            return Optional.of(LocalDate.of(year, 12, 31));
        }
        int month = written.get(Calendar.MONTH) + 1;
        if (precision == TemporalPrecisionEnum.MONTH) {
            return Optional.of(YearMonth.of(year, month).atEndOfMonth());
        }
        return Optional.of(LocalDate.of(year, month, written.get(Calendar.DAY_OF_MONTH)));
    }

    /** The gate spec's order date: the draft's authoredOn, else today. */
    public static LocalDate orderDate(MedicationRequest request, LocalDate today) {
        if (request != null && request.hasAuthoredOnElement()) {
            return earliestDay(request.getAuthoredOnElement()).orElse(today);
        }
        return today;
    }
}
