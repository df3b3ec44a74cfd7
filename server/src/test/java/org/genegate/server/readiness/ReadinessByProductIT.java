package org.genegate.server.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.genegate.server.AbstractServerIT;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/**
 * The readiness operation picks the product: by the order when one is sent, else by the {@code product} parameter,
 * else the default product (Hemgenix).
 */
class ReadinessByProductIT extends AbstractServerIT {

    private static final String OPERATION = "$j1411-readiness";

    private static List<String> gateIds(Parameters parameters) {
        return parameters.getParameter().stream().filter(p -> p.getName().equals("gate"))
                .map(g -> g.getPart().stream().filter(p -> p.getName().equals("id")).findFirst().orElseThrow()
                        .getValue().primitiveValue()).toList();
    }

    private static String title(Parameters parameters, String gateId) {
        return parameters.getParameter().stream().filter(p -> p.getName().equals("gate"))
                .filter(g -> g.getPart().stream().anyMatch(p -> p.getName().equals("id")
                        && p.getValue().primitiveValue().equals(gateId)))
                .flatMap(g -> g.getPart().stream()).filter(p -> p.getName().equals("title")).findFirst()
                .orElseThrow().getValue().primitiveValue();
    }

    @Test
    void withoutAnOrderTheProductParameterPicksRoctaviansGates() {
        HttpResponse<String> response = fhirGet("Patient/eligible-patient/" + OPERATION + "?product=J1412");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Parameters readiness = parse(Parameters.class, response);
        assertThat(gateIds(readiness)).contains("fviii-activity", "fviii-inhibitor", "aav5-total-antibody")
                .doesNotContain("fix-activity", "nab-aav5");
        assertThat(title(readiness, "fviii-activity")).isEqualTo("FVIII activity");
    }

    @Test
    void withoutAnOrderOrParameterTheDefaultProductIsJudged() {
        Parameters readiness = parse(Parameters.class, fhirGet("Patient/eligible-patient/" + OPERATION));

        assertThat(gateIds(readiness)).contains("fix-activity").doesNotContain("fviii-activity");
    }

    @Test
    void aRoctavianOrderIsJudgedUnderRoctaviansPolicy() {
        MedicationRequest order = new MedicationRequest()
                .setStatus(MedicationRequest.MedicationRequestStatus.DRAFT)
                .setIntent(MedicationRequest.MedicationRequestIntent.ORDER)
                .setSubject(new Reference("Patient/eligible-patient"))
                .setMedication(new CodeableConcept(new Coding("https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets",
                        "J1412", null)).setText("Roctavian (valoctocogene roxaparvovec-rvox)"));
        Parameters in = new Parameters();
        in.addParameter().setName("order").setResource(order);

        HttpResponse<String> response = fhirPost("Patient/eligible-patient/" + OPERATION,
                fhirContext.newJsonParser().encodeResourceToString(in));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(gateIds(parse(Parameters.class, response))).contains("aav5-total-antibody")
                .doesNotContain("nab-aav5");
    }

    @Test
    void anUnknownProductIs422WithAnOperationOutcome() {
        HttpResponse<String> response = fhirGet("Patient/eligible-patient/" + OPERATION + "?product=J9999");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(parse(OperationOutcome.class, response).getIssueFirstRep().getDiagnostics())
                .contains("J9999", "J1411", "J1412");
    }
}
