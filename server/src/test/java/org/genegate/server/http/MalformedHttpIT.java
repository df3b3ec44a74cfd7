package org.genegate.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.genegate.server.AbstractServerIT;
import org.junit.jupiter.api.Test;

/**
 * Requests no well-behaved client library would send (java.net.URI refuses to build them), written to the
 * socket as they are: each gets 400 with an OperationOutcome, never Tomcat's HTML page or HAPI's 500.
 */
class MalformedHttpIT extends AbstractServerIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void brokenPercentEscapesAndEncodedSlashesAre400WithAnOperationOutcome() throws IOException {
        List<String> requestLines = List.of(
                "GET /fhir/Patient?name=%zz",
                "GET /fhir/Patient?name=abc%",
                "GET /fhir/Observation?code=%e2%8",
                "GET /fhir/Patient/a%2Fb",
                "GET /fhir/Patient/a%5Cb",
                "GET /fhir%2FPatient",
                "GET /cds-services?x=%zz",
                "POST /cds-services/j1411-order-sign?x=%",
                "POST /cds-services/j1411%2Forder-sign");
        for (String requestLine : requestLines) {
            RawResponse response = send(requestLine);

            assertThat(response.status()).as(requestLine).isEqualTo(400);
            String expectedType = requestLine.contains("/cds-services") ? "application/json" : "application/fhir+json";
            assertThat(response.header("content-type")).as(requestLine).startsWith(expectedType);
            JsonNode outcome = JSON.readTree(response.body());
            assertThat(outcome.path("resourceType").asText()).as(requestLine).isEqualTo("OperationOutcome");
            assertThat(outcome.at("/issue/0/code").asText()).isEqualTo("invalid");
            assertThat(outcome.at("/issue/0/diagnostics").asText()).isNotBlank();
        }
    }

    @Test
    void wellFormedEscapesStillWork() throws IOException {
        assertThat(send("GET /fhir/Patient?name=%C3%A9&_count=1").status()).isEqualTo(200);
    }

    private RawResponse send(String requestLine) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            boolean post = requestLine.startsWith("POST");
            String head = requestLine + " HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\nConnection: close\r\n"
                    + (post ? "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}" : "\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return RawResponse.parse(readAll(socket.getInputStream()));
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private record RawResponse(int status, String headers, String body) {

        static RawResponse parse(String raw) {
            int split = raw.indexOf("\r\n\r\n");
            String head = raw.substring(0, split);
            String body = raw.substring(split + 4);
            if (head.toLowerCase().contains("transfer-encoding: chunked")) {
                body = unchunk(body);
            }
            return new RawResponse(Integer.parseInt(head.split(" ")[1]), head, body);
        }

        String header(String name) {
            for (String line : headers.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return "";
        }

        private static String unchunk(String chunked) {
            StringBuilder body = new StringBuilder();
            int at = 0;
            while (true) {
                int lineEnd = chunked.indexOf("\r\n", at);
                int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
                if (size == 0) {
                    return body.toString();
                }
                body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
                at = lineEnd + 2 + size + 2;
            }
        }
    }
}
