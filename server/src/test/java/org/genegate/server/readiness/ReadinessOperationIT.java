package org.genegate.server.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.genegate.gates.Gates;
import org.genegate.policy.PolicyLoader;
import org.genegate.profiles.Scenario;
import org.genegate.profiles.Scenarios;
import org.genegate.server.AbstractServerIT;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Patient/{id}/$j1411-readiness over HTTP against the real server and the scenario patients. */
class ReadinessOperationIT extends AbstractServerIT {

    private static final String OPERATION = "$j1411-readiness";

    static Stream<Named<Scenario>> scenarios() {
        return Scenarios.all().stream().map(s -> Named.of(s.id(), s));
    }

    private Parameters get(String patientId) {
        HttpResponse<String> response = fhirGet("Patient/" + patientId + "/" + OPERATION);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return parse(Parameters.class, response);
    }

    private HttpResponse<String> postOrders(String patientId, List<Resource> orders) {
        Parameters in = new Parameters();
        orders.forEach(order -> in.addParameter().setName("order").setResource(order));
        return fhirPost("Patient/" + patientId + "/" + OPERATION,
                fhirContext.newJsonParser().encodeResourceToString(in));
    }

    private List<Resource> orders(Scenario scenario) {
        Bundle bundle = fhirContext.newJsonParser().parseResource(Bundle.class, scenario.ordersJson());
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).toList();
    }

    private static List<Parameters.ParametersParameterComponent> gates(Parameters parameters) {
        return parameters.getParameter().stream().filter(p -> p.getName().equals("gate")).toList();
    }

    private static Parameters.ParametersParameterComponent gate(Parameters parameters, String id) {
        return gates(parameters).stream().filter(g -> part(g, "id").equals(id)).findFirst().orElseThrow();
    }

    private static String part(Parameters.ParametersParameterComponent parameter, String name) {
        return parameter.getPart().stream().filter(p -> p.getName().equals(name)).findFirst()
                .map(p -> p.getValue().primitiveValue()).orElse(null);
    }

    private static String value(Parameters parameters, String name) {
        return parameters.getParameter().stream().filter(p -> p.getName().equals(name)).findFirst()
                .map(p -> p.getValue().primitiveValue()).orElseThrow();
    }

    /** gate id → status of every gate that did not pass, as the hook's scenario expectations write it. */
    private static Map<String, String> notPassing(Parameters parameters) {
        Map<String, String> findings = new LinkedHashMap<>();
        for (Parameters.ParametersParameterComponent gate : gates(parameters)) {
            String status = part(gate, "status");
            if (!status.equals("pass")) {
                findings.put(part(gate, "id"), status.toUpperCase().replace('-', '_'));
            }
        }
        return findings;
    }

    @Test
    void withoutAnOrderTheChecklistHasEveryGateAndSaysWhatDoseAndCodingNeed() {
        Parameters readiness = get("eligible-patient");

        assertThat(gates(readiness)).hasSize(PolicyLoader.loadDefault(Gates.ALL).gates().size());
        assertThat(value(readiness, "orderProposed")).isEqualTo("false");
        assertThat(value(readiness, "readiness")).isEqualTo("incomplete");
        // Without an order there is no encounter or prescriber to judge either.
        assertThat(notPassing(readiness)).containsOnlyKeys("weight-and-dose", "coding", "site-of-care", "prescriber");
        Parameters.ParametersParameterComponent dose = gate(readiness, "weight-and-dose");
        assertThat(part(dose, "status")).isEqualTo("missing");
        assertThat(part(dose, "message")).contains("No proposed Hemgenix order", "140 mL");
        assertThat(dose.getPart().stream().filter(p -> p.getName().equals("remedy")).findFirst().map(r -> part(r, "action")))
                .hasValue("Set the dose to 140 mL (14 vials) for 70 kg");
        assertThat(part(gate(readiness, "coding"), "message")).contains("J1411 x 1 unit", "96365");

        Parameters.ParametersParameterComponent nab = gate(readiness, "nab-aav5");
        assertThat(part(nab, "status")).isEqualTo("pass");
        assertThat(part(nab, "source")).contains("EU SmPC");
        assertThat(part(nab, "sourceClass")).isEqualTo("EU SmPC");
        Parameters.ParametersParameterComponent evidence = nab.getPart().stream()
                .filter(p -> p.getName().equals("evidence")).findFirst().orElseThrow();
        assertThat(evidence.getPart().stream().filter(p -> p.getName().equals("reference")).findFirst()
                .map(p -> p.getValue().primitiveValue()).orElse(null)).isNull();
    }

    @Test
    void thePriorAuthorizationPacketNamesThePayerItsDocumentationAndTheRecords() {
        Parameters readiness = get("eligible-patient");

        Parameters.ParametersParameterComponent pa = readiness.getParameter().stream()
                .filter(p -> p.getName().equals("priorAuthorization")).findFirst().orElseThrow();
        assertThat(part(pa, "payer")).isEqualTo("UnitedHealthcare (Optum)");
        assertThat(part(pa, "paNeeded")).isEqualTo("auth-needed");
        assertThat(pa.getPart().stream().filter(p -> p.getName().equals("documentation"))).hasSizeGreaterThan(2);
        assertThat(pa.getPart().stream().filter(p -> p.getName().equals("record"))
                .map(p -> ((org.hl7.fhir.r4.model.Reference) p.getValue()).getReference()))
                .contains("Observation/eligible-aav5-nab", "Observation/eligible-fix-inhibitor-1");
    }

    @Test
    void missingTestsComeWithTheResourceThatOrdersThem() {
        Parameters readiness = get("no-monitoring-plan-patient");
        Parameters.ParametersParameterComponent remedy = gate(readiness, "monitoring-plan").getPart().stream()
                .filter(p -> p.getName().equals("remedy")).findFirst().orElseThrow();
        Resource plan = remedy.getPart().stream().filter(p -> p.getName().equals("resource")).findFirst()
                .orElseThrow().getResource();
        assertThat(plan).isInstanceOf(CarePlan.class);
        assertThat(((CarePlan) plan).getSubject().getReference()).isEqualTo("Patient/no-monitoring-plan-patient");

        Parameters nab = get("nab-missing-patient");
        Resource test = gate(nab, "nab-aav5").getPart().stream().filter(p -> p.getName().equals("remedy"))
                .findFirst().orElseThrow().getPart().stream().filter(p -> p.getName().equals("resource"))
                .findFirst().orElseThrow().getResource();
        assertThat(test).isInstanceOf(ServiceRequest.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void withTheScenarioOrderTheFindingsAreTheHooks(Scenario scenario) {
        HttpResponse<String> response = postOrders(scenario.patientId(), orders(scenario));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Parameters readiness = parse(Parameters.class, response);
        assertThat(value(readiness, "orderProposed")).isEqualTo("true");
        assertThat(value(readiness, "asOf")).isEqualTo(scenario.dates().shift("2026-11-20"));
        assertThat(notPassing(readiness)).as("findings of %s", scenario.id()).isEqualTo(scenario.expectedFindings());
        String expected = scenario.expectedCards().contains("critical") ? "not-ready"
                : scenario.expectedCards().stream().anyMatch(c -> !c.equals("payer")) ? "incomplete" : "ready";
        assertThat(value(readiness, "readiness")).isEqualTo(expected);
    }

    @Test
    void anUnknownPatientIs404WithAnOperationOutcome() {
        HttpResponse<String> response = fhirGet("Patient/no-such-patient/" + OPERATION);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(parse(OperationOutcome.class, response).getIssueFirstRep().getDiagnostics()).isNotBlank();
    }

    @Test
    void anOrderThatIsNotHemgenixOrIsAnotherPatientsIs422() {
        MedicationRequest other = new MedicationRequest();
        other.setMedication(new org.hl7.fhir.r4.model.CodeableConcept().setText("Factor IX (recombinant)"));
        HttpResponse<String> notHemgenix = postOrders("eligible-patient", List.of(other));
        assertThat(notHemgenix.statusCode()).isEqualTo(422);
        assertThat(parse(OperationOutcome.class, notHemgenix).getIssueFirstRep().getDiagnostics())
                .contains("no Hemgenix MedicationRequest");

        List<Resource> nabHighOrders = orders(Scenarios.byId("nab-high"));
        HttpResponse<String> otherPatient = postOrders("eligible-patient", nabHighOrders);
        assertThat(otherPatient.statusCode()).isEqualTo(422);
        assertThat(parse(OperationOutcome.class, otherPatient).getIssueFirstRep().getDiagnostics())
                .contains("Patient/nab-high-patient");
    }
}
