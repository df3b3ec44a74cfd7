package org.genegate.server.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.genegate.server.AbstractServerIT;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FhirEndpointIT extends AbstractServerIT {

    @Test
    void metadataIsAnR4CapabilityStatement() {
        HttpResponse<String> response = fhirGet("metadata");

        assertThat(response.statusCode()).isEqualTo(200);
        CapabilityStatement capabilities = parse(CapabilityStatement.class, response);
        assertThat(capabilities.getFhirVersion().toCode()).isEqualTo("4.0.1");
        assertThat(capabilities.getRestFirstRep().getResource())
                .extracting(resource -> resource.getType())
                .contains("Patient", "Observation", "ValueSet", "CodeSystem", "MedicationRequest");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not JSON at all           | Patient     | this is not json
            wrong resource type       | Patient     | {"resourceType":"Observation","status":"final","code":{"text":"x"}}
            unknown resource type     | Patient     | {"resourceType":"Foo"}
            invalid date              | Patient     | {"resourceType":"Patient","birthDate":"not-a-date"}
            invalid code              | Patient     | {"resourceType":"Patient","gender":"sometimes"}
            reference to nothing      | Observation | {"resourceType":"Observation","status":"final","code":{"text":"x"},"subject":{"reference":"Patient/no-such-patient"}}
            """)
    void invalidResourceIsRejectedWith4xxAndOperationOutcome(String why, String type, String body) {
        HttpResponse<String> response = fhirPost(type, body);

        assertThat(response.statusCode()).as(why).isBetween(400, 499);
        OperationOutcome outcome = parse(OperationOutcome.class, response);
        assertThat(outcome.getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
    }

    @Test
    void searchesArePagedFiftyAtATimeAndTheNextPageIsServed() {
        Bundle first = parse(Bundle.class, fhirGet("Observation"));

        assertThat(first.getEntry()).hasSize(50);
        HttpResponse<String> second = fhirGetUrl(first.getLink(Bundle.LINK_NEXT).getUrl());
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(parse(Bundle.class, second).getEntry()).isNotEmpty();
    }

    @Test
    void unknownSearchParameterIs400WithOperationOutcome() {
        HttpResponse<String> response = fhirGet("Observation?no-such-parameter=1");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(parse(OperationOutcome.class, response).getIssueFirstRep().getDiagnostics())
                .contains("no-such-parameter");
    }

    @Test
    void tokenSearchAcceptsAnUnencodedBar() throws IOException {
        // EHRs and people type code=system|code; Tomcat must let the bar through. Java's HTTP
        // clients encode or refuse it, so the request goes over a bare socket.
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            String request = "GET /fhir/Observation?code=http://loinc.org|3185-6&_summary=count HTTP/1.1\r\n"
                    + "Host: localhost\r\nAccept: application/fhir+json\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            String statusLine = new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();

            assertThat(statusLine).startsWith("HTTP/1.1 200");
        }
    }
}
