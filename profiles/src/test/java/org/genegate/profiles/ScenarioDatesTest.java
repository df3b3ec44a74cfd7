package org.genegate.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ScenarioDatesTest {

    private static final FhirContext CTX = FhirContext.forR4Cached();
    private static final Pattern DATE = Pattern.compile("\"(\\d{4}-\\d{2}-\\d{2})(T[^\"]*)?\"");

    static List<Scenario> scenarios() {
        return Scenarios.all();
    }

    @Test
    void everyDateMovesByTheSameDaysKeepingTimeAndZone() {
        ScenarioDates dates = new ScenarioDates(LocalDate.parse("2027-02-26"), LocalDate.parse("2026-12-03"));

        assertThat(dates.shiftDays()).isEqualTo(-85);
        assertThat(dates.shift("2027-02-26")).isEqualTo("2026-12-03");
        assertThat(dates.shift("2026-11-20T10:17:00-06:00")).isEqualTo("2026-08-27T10:17:00-06:00");
        assertThat(dates.shift("2026-11-20T16:00:00.000Z")).isEqualTo("2026-08-27T16:00:00.000Z");
        assertThatThrownBy(() -> dates.shift("2026-11")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBirthDateKeepsTheAgeOnTheVisitAcrossLeapDays() {
        // 2008-11-20 to 2026-11-20 holds four 29 Februaries; a move of whole days into a span holding five would
        // make the 18th birthday fall a day late.
        ScenarioDates dates = new ScenarioDates(LocalDate.parse("2026-11-20"), LocalDate.parse("2027-03-01"));

        LocalDate born = LocalDate.parse(dates.shiftBirthDate("2008-11-20"));
        LocalDate dayBefore = LocalDate.parse(dates.shiftBirthDate("2008-11-21"));

        assertThat(Period.between(born, dates.visit()).getYears()).isEqualTo(18);
        assertThat(Period.between(dayBefore, dates.visit()).getYears()).isEqualTo(17);
        assertThat(Period.between(dayBefore, dates.visit().plusDays(1)).getYears()).isEqualTo(18);
    }

    @Test
    void otherTextIsLeftAlone() {
        ScenarioDates dates = new ScenarioDates(LocalDate.parse("2026-11-20"), LocalDate.parse("2026-11-27"));

        String moved = dates.shiftJson("{\"value\":\"GG-2026-11-20\",\"note\":\"given 2026-11-20\","
                + "\"effectiveDateTime\":\"2026-11-20\",\"birthDate\":\"1986-04-12\",\"n\":2026}");

        assertThat(moved).contains("\"GG-2026-11-20\"", "\"given 2026-11-20\"", "\"2026-11-27\"", "\"1986-04-19\"",
                "2026");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void theVisitIsTheLoadDayAndNothingLiesAfterIt(Scenario scenario) {
        Bundle bundle = CTX.newJsonParser().parseResource(Bundle.class, scenario.bundleJson());
        Encounter visit = bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Encounter.class::isInstance).map(Encounter.class::cast).findFirst().orElseThrow();
        LocalDate visitDay = LocalDate.parse(visit.getPeriod().getStartElement().getValueAsString().substring(0, 10));

        assertThat(visitDay).isEqualTo(Scenarios.loadDay());
        assertThat(datesIn(scenario.bundleJson())).allSatisfy(day -> assertThat(day).isBeforeOrEqualTo(visitDay));
        assertThat(datesIn(scenario.ordersJson())).allSatisfy(day -> assertThat(day).isBeforeOrEqualTo(visitDay));
    }

    @Test
    void ageSensitiveScenariosKeepTheirAgeOnTheLoadDay() {
        assertThat(ageOnLoadDay("age-18-today")).isEqualTo(18);
        assertThat(ageOnLoadDay("pediatric")).isEqualTo(17);
        assertThat(ageOnLoadDay("eligible")).isEqualTo(40);
    }

    @Test
    void patientsAreNotAllTheSamePerson() {
        List<Patient> patients = Scenarios.all().stream().map(s -> patient(s.id())).toList();

        assertThat(patients.stream().map(p -> p.getNameFirstRep().getNameAsSingleString()).distinct())
                .hasSize(patients.size());
        assertThat(patients.stream().map(p -> p.getBirthDateElement().getValueAsString()).distinct().count())
                .isGreaterThan(patients.size() * 3L / 4);
        assertThat(patients).anyMatch(p -> p.getGender() == org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.FEMALE);
    }

    private static int ageOnLoadDay(String id) {
        LocalDate born = LocalDate.parse(patient(id).getBirthDateElement().getValueAsString());
        return Period.between(born, Scenarios.loadDay()).getYears();
    }

    private static Patient patient(String id) {
        Bundle bundle = CTX.newJsonParser().parseResource(Bundle.class, Scenarios.byId(id).bundleJson());
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Patient.class::isInstance).map(Patient.class::cast).findFirst().orElseThrow();
    }

    private static List<LocalDate> datesIn(String json) {
        List<LocalDate> days = new ArrayList<>();
        Matcher matcher = DATE.matcher(json);
        while (matcher.find()) {
            days.add(LocalDate.parse(matcher.group(1)));
        }
        return days;
    }
}
