package org.genegate.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;
import org.genegate.profiles.Scenario;

/**
 * Plays the EHR in tests: builds order-sign requests for a scenario (with prefetch it fetches itself
 * from the server's FHIR endpoint, as an EHR would from its own), and posts them over HTTP.
 */
public final class HookClient {

    public static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    public HookClient(int port) {
        this.base = "http://localhost:" + port;
    }

    public String fhirBase() {
        return base + "/fhir";
    }

    public Response post(String path, String body) {
        return post(path, body, Map.of());
    }

    /** POST with extra headers (a bearer JWT, an Origin). */
    Response post(String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    /** PUT a FHIR resource (e.g. {@code /fhir/Medication/x}) as the EHR's own server would hold it. */
    public Response put(String path, String resource) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/fhir+json")
                .header("Accept", "application/fhir+json")
                .PUT(HttpRequest.BodyPublishers.ofString(resource))
                .build());
    }

    /** A CORS preflight as a browser sends it. */
    Response preflight(String path, String origin, String method, String requestHeaders) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Origin", origin)
                .header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", requestHeaders)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .build());
    }

    public Response get(String path) {
        return get(path, Map.of());
    }

    Response get(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        headers.forEach(request::header);
        return send(request.build());
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""), response.headers());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A patient-view request for the scenario (its encounter is the visit), without prefetch and fhirServer. */
    ObjectNode patientView(Scenario scenario) {
        ObjectNode request = JSON.createObjectNode();
        request.put("hook", "patient-view");
        request.put("hookInstance", UUID.randomUUID().toString());
        ObjectNode context = request.putObject("context");
        context.put("userId", scenario.userId());
        context.put("patientId", scenario.patientId());
        context.put("encounterId", scenario.encounterId());
        return request;
    }

    /** An order-sign request for the scenario, without prefetch and without fhirServer. */
    public ObjectNode orderSign(Scenario scenario) {
        try {
            ObjectNode request = JSON.createObjectNode();
            request.put("hook", "order-sign");
            request.put("hookInstance", UUID.randomUUID().toString());
            ObjectNode context = request.putObject("context");
            context.put("userId", scenario.userId());
            context.put("patientId", scenario.patientId());
            if (scenario.encounterId() != null) {
                context.put("encounterId", scenario.encounterId());
            }
            context.set("draftOrders", JSON.readTree(scenario.ordersJson()));
            return request;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Fills prefetch from the discovery templates, reading this server's FHIR endpoint as the EHR would. */
    public void addPrefetch(ObjectNode request, String serviceId) {
        JsonNode discovery = read(get("/cds-services").body());
        JsonNode service = null;
        for (JsonNode candidate : discovery.get("services")) {
            if (candidate.get("id").asText().equals(serviceId)) {
                service = candidate;
            }
        }
        JsonNode context = request.get("context");
        String userId = context.path("userId").asText();
        ObjectNode prefetch = request.putObject("prefetch");
        Iterator<Map.Entry<String, JsonNode>> templates = service.get("prefetch").fields();
        while (templates.hasNext()) {
            Map.Entry<String, JsonNode> template = templates.next();
            String query = template.getValue().asText()
                    .replace("{{context.patientId}}", context.get("patientId").asText())
                    .replace("{{context.encounterId}}", context.path("encounterId").asText())
                    .replace("{{userPractitionerId}}", userId.substring(userId.indexOf('/') + 1));
            // An EHR fills a prefetch template with every match: ask for one page big enough for a scenario.
            Response response = get("/fhir/" + encode(query.contains("?") ? query + "&_count=500" : query));
            if (response.status() != 200) {
                throw new IllegalStateException("prefetch " + query + " gave " + response.status() + ": "
                        + response.body());
            }
            prefetch.set(template.getKey(), read(response.body()));
        }
    }

    public static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + json, e);
        }
    }

    private static String encode(String query) {
        int question = query.indexOf('?');
        if (question < 0) {
            return query;
        }
        StringJoiner params = new StringJoiner("&");
        for (String param : query.substring(question + 1).split("&")) {
            int equals = param.indexOf('=');
            params.add(param.substring(0, equals + 1)
                    + URLEncoder.encode(param.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return query.substring(0, question + 1) + params;
    }

    public record Response(int status, String body, String contentType, HttpHeaders headers) {
        public JsonNode json() {
            return read(body);
        }

        String header(String name) {
            return headers.firstValue(name).orElse("");
        }
    }
}
