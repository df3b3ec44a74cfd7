package org.genegate.clinical;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.junit.jupiter.api.Test;

class ObservationsTest {

    @Test
    void theResultDateIsEffectiveDateTimeThenPeriodStartThenIssued() {
        Observation dated = new Observation().setEffective(new DateTimeType("2026-11-01T23:30:00-05:00"));
        Observation period = new Observation().setEffective(new Period().setStartElement(new DateTimeType("2026-10-02")));
        Observation issued = new Observation().setIssuedElement(new InstantType("2026-09-03T10:00:00Z"));

        // The day as written in the result's own zone, not the server's.
        assertThat(Observations.effectiveDate(dated)).contains(LocalDate.of(2026, 11, 1));
        assertThat(Observations.effectiveDate(period)).contains(LocalDate.of(2026, 10, 2));
        assertThat(Observations.effectiveDate(issued)).contains(LocalDate.of(2026, 9, 3));
        assertThat(Observations.effectiveDate(new Observation())).isEmpty();
    }

    @Test
    void aMonthOnlyResultReadsAsTheFirstOfTheMonthSoItIsStaleSooner() {
        assertThat(Observations.effectiveDate(new Observation().setEffective(new DateTimeType("2026-10"))))
                .contains(LocalDate.of(2026, 10, 1));
    }

    @Test
    void undatedResultsCannotBeRecentAndSortLast() {
        Observation undated = new Observation();
        Observation old = new Observation().setEffective(new DateTimeType("2020-01-01"));
        Observation recent = new Observation().setEffective(new DateTimeType("2026-11-14"));
        List<Observation> all = new ArrayList<>(List.of(undated, old, recent));

        all.sort(Observations.NEWEST_FIRST);

        assertThat(all).containsExactly(recent, old, undated);
        assertThat(Observations.withinDays(undated, LocalDate.of(2026, 11, 15), 30)).isFalse();
    }

    @Test
    void onlyFinalAmendedAndCorrectedAreResults() {
        assertThat(Observations.isResult(new Observation().setStatus(Observation.ObservationStatus.FINAL))).isTrue();
        assertThat(Observations.isResult(new Observation().setStatus(Observation.ObservationStatus.AMENDED))).isTrue();
        assertThat(Observations.isResult(new Observation().setStatus(Observation.ObservationStatus.CORRECTED))).isTrue();
        assertThat(Observations.isResult(new Observation().setStatus(Observation.ObservationStatus.PRELIMINARY))).isFalse();
        assertThat(Observations.isResult(new Observation().setStatus(Observation.ObservationStatus.REGISTERED))).isFalse();
        assertThat(Observations.isResult(new Observation().setStatus(Observation.ObservationStatus.ENTEREDINERROR)))
                .isFalse();
    }

    @Test
    void notDetectedIsNegativeThoughItContainsDetected() {
        assertThat(Observations.fromWords("Not detected")).isEqualTo(Positivity.NEGATIVE);
        assertThat(Observations.fromWords("DETECTED")).isEqualTo(Positivity.POSITIVE);
        assertThat(Observations.fromWords("Non-reactive")).isEqualTo(Positivity.NEGATIVE);
        assertThat(Observations.fromWords("indeterminate")).isEqualTo(Positivity.UNKNOWN);
    }
}
