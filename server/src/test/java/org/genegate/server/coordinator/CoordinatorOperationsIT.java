package org.genegate.server.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.genegate.profiles.Scenario;
import org.genegate.profiles.Scenarios;
import org.genegate.server.AbstractServerIT;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Type;
import org.junit.jupiter.api.Test;

/**
 * {@code Patient/{id}/$monitoring-status} and {@code Patient/$hemgenix-worklist} on the scenario patients, seen on
 * the load day: the schedule and alerts agree with the patient-view expectations, the worklist rows with the
 * readiness checklist.
 */
class CoordinatorOperationsIT extends AbstractServerIT {

    private Parameters status(String patientId) {
        HttpResponse<String> response = fhirGet("Patient/" + patientId + "/$monitoring-status");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return parse(Parameters.class, response);
    }

    private static String value(Parameters.ParametersParameterComponent parameter, String name) {
        return parameter.getPart().stream().filter(p -> p.getName().equals(name)).findFirst()
                .map(p -> p.getValue() instanceof Reference reference ? reference.getReference()
                        : p.getValue().primitiveValue()).orElse(null);
    }

    private static List<String> values(Parameters.ParametersParameterComponent parameter, String name) {
        return parameter.getPart().stream().filter(p -> p.getName().equals(name))
                .map(p -> p.getValue().primitiveValue()).toList();
    }

    private static Optional<String> top(Parameters parameters, String name) {
        return Optional.ofNullable(parameters.getParameter(name)).map(Parameters.ParametersParameterComponent::getValue)
                .map(Type::primitiveValue);
    }

    @Test
    void beforeTheInfusionTheStatusNamesOnlyThePhase() {
        Parameters status = status("eligible-patient");

        assertThat(top(status, "phase")).hasValue("pre-infusion");
        assertThat(status.getParameter()).hasSize(1);
    }

    @Test
    void afterAnAltRiseTheScheduleAndAlertsAgreeWithPatientView() {
        Scenario scenario = Scenarios.byId("post-infusion-alt-rise");
        Parameters status = status(scenario.patientId());

        assertThat(top(status, "phase")).hasValue("post-infusion");
        assertThat(top(status, "administered")).hasValue(scenario.dates().shift("2026-11-20"));
        assertThat(top(status, "asOf")).hasValue(Scenarios.loadDay().toString());
        assertThat(top(status, "week")).hasValue("14");
        assertThat(status.getParameters("alert")).extracting(a -> value(a, "kind"))
                .containsExactlyInAnyOrderElementsOf(scenario.expectedPatientViewCards());
        Map<String, Parameters.ParametersParameterComponent> items = status.getParameters("scheduleItem").stream()
                .collect(Collectors.toMap(i -> value(i, "label"), Function.identity()));
        for (int week = 1; week <= 12; week++) {
            assertThat(value(items.get("week " + week), "status")).as("week %d", week).isEqualTo("done");
        }
        // ALT stays above 2 x baseline after week 12, so weekly testing goes on: week 13 is missing.
        assertThat(value(items.get("week 13"), "status")).isEqualTo("overdue");
        assertThat(values(items.get("week 13"), "missing")).containsExactly("ALT", "AST", "FIX activity");
        // The week-12 results fall within 30 days of the 3-month date, so they count for it too.
        assertThat(value(items.get("3-month follow-up"), "status")).isEqualTo("done");
        // The next follow-up is listed, not yet counted; nothing after it.
        assertThat(value(items.get("6-month follow-up"), "status")).isEqualTo("due");
        assertThat(items).doesNotContainKey("9-month follow-up");
    }

    @Test
    void onTrackNothingIsOverdueAndNoAlertIsRaised() {
        Parameters status = status("post-infusion-on-track-patient");

        assertThat(status.getParameters("alert")).isEmpty();
        assertThat(status.getParameters("scheduleItem")).extracting(i -> value(i, "status"))
                .doesNotContain("overdue").contains("done", "due");
    }

    @Test
    void liverSurveillanceShowsTheMissedYearOneItems() {
        Parameters status = status("post-infusion-liver-surveillance-patient");

        assertThat(status.getParameters("liverCancerRiskFactor")).isNotEmpty();
        Parameters.ParametersParameterComponent yearOne = status.getParameters("scheduleItem").stream()
                .filter(i -> "year 1 liver surveillance".equals(value(i, "label"))).findFirst().orElseThrow();
        assertThat(value(yearOne, "status")).isEqualTo("overdue");
        assertThat(values(yearOne, "missing")).containsExactly("liver ultrasound", "alpha-fetoprotein");
    }

    @Test
    void anUnknownPatientIs404WithAnOutcome() {
        HttpResponse<String> response = fhirGet("Patient/nobody-here/$monitoring-status");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(parse(OperationOutcome.class, response).getIssue()).isNotEmpty();
    }

    @Test
    void theWorklistHasOneRowPerHemgenixPatientAgreeingWithTheirChecklists() {
        HttpResponse<String> response = fhirGet("Patient/$hemgenix-worklist");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, Parameters.ParametersParameterComponent> rows = parse(Parameters.class, response)
                .getParameters("row").stream()
                .collect(Collectors.toMap(r -> value(r, "patient"), Function.identity()));

        // Every scenario patient has a monitoring plan, a Hemgenix order or a dose, except the one without a plan.
        for (Scenario scenario : Scenarios.all()) {
            String patient = "Patient/" + scenario.patientId();
            if (scenario.id().equals("no-monitoring-plan")) {
                assertThat(rows).doesNotContainKey(patient);
                continue;
            }
            assertThat(rows).containsKey(patient);
            Parameters.ParametersParameterComponent row = rows.get(patient);
            boolean dosed = scenario.id().startsWith("post-infusion") || scenario.id().equals("prior-hemgenix");
            assertThat(value(row, "phase")).as(scenario.id()).isEqualTo(dosed ? "post-infusion" : "pre-infusion");
            if (dosed) {
                assertThat(values(row, "alert")).as(scenario.id())
                        .containsExactlyInAnyOrderElementsOf(scenario.expectedPatientViewCards());
            }
        }
        // Without an order the checklist says the dose and the codes are missing; the worklist judges the record.
        Parameters eligible = parse(Parameters.class, fhirGet("Patient/eligible-patient/$j1411-readiness"));
        assertThat(top(eligible, "readiness")).hasValue("incomplete");
        assertThat(value(rows.get("Patient/eligible-patient"), "readiness")).isEqualTo("ready");
        assertThat(values(rows.get("Patient/eligible-patient"), "finding")).isEmpty();
        for (String id : List.of("nab-high", "pediatric", "hepatitis-b")) {
            Scenario scenario = Scenarios.byId(id);
            Parameters readiness = parse(Parameters.class,
                    fhirGet("Patient/" + scenario.patientId() + "/$j1411-readiness"));
            assertThat(value(rows.get("Patient/" + scenario.patientId()), "readiness")).as(id)
                    .isEqualTo(top(readiness, "readiness").orElseThrow()).isNotEqualTo("ready");
        }
        Parameters.ParametersParameterComponent altRise = rows.get("Patient/post-infusion-alt-rise-patient");
        assertThat(value(altRise, "overdue")).isEqualTo("1");
        assertThat(value(altRise, "next")).startsWith("week 13 (overdue)");
        assertThat(value(altRise, "payer")).isNotBlank();
        assertThat(value(rows.get("Patient/pediatric-patient"), "critical")).isEqualTo("1");
        assertThat(value(rows.get("Patient/no-coverage-patient"), "payer")).isNull();
    }
}
