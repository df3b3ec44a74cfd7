package org.genegate.server;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of every integration test: the whole server on a random port, on a private in-memory H2
 * database, with terminology installed and the scenario patients loaded.
 *
 * <p>Every subclass must leave this configuration alone (no extra properties, no mocked beans,
 * no {@code @DirtiesContext}): Spring then builds the context once for the whole run, and each
 * context costs 30-40 s on a small machine. Tests share the data, so they only add resources
 * under ids of their own and never delete shared ones.
 *
 * <p>The same tests run a second time on PostgreSQL ({@link ItDatabase}; the failsafe execution
 * {@code postgresql} in server/pom.xml lists which).
 */
@SpringBootTest(
        // Named, not found by package search: subclasses live in other packages (org.genegate.hooks).
        classes = GeneGateServerApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:genegate-it;DB_CLOSE_DELAY=-1",
            "genegate.demo.load-scenarios=true"
        })
@ExtendWith(ItDatabase.class)
public abstract class AbstractServerIT {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        ItDatabase.register(registry);
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected FhirContext fhirContext;

    /** The FHIR base, e.g. {@code http://localhost:12345/fhir}. */
    protected String fhirBase() {
        return "http://localhost:" + port + "/fhir";
    }

    /**
     * GET {@code /fhir/<pathAndQuery>} asking for FHIR JSON. A {@code |} in the query is sent
     * encoded, because {@link URI} refuses it raw.
     */
    protected HttpResponse<String> fhirGet(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(fhirBase() + "/" + pathAndQuery.replace("|", "%7C")))
                .header("Accept", "application/fhir+json")
                .GET());
    }

    /** GET an absolute URL the server handed out (a paging link, a Location header). */
    protected HttpResponse<String> fhirGetUrl(String url) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Accept", "application/fhir+json")
                .GET());
    }

    /** POST a body to {@code /fhir/<path>} as FHIR JSON. */
    protected HttpResponse<String> fhirPost(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(fhirBase() + "/" + path))
                .header("Accept", "application/fhir+json")
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Parses a FHIR JSON response body into the expected resource type. */
    protected <T extends IBaseResource> T parse(Class<T> type, HttpResponse<String> response) {
        return fhirContext.newJsonParser().parseResource(type, response.body());
    }

    protected static HttpResponse<String> send(HttpRequest.Builder request) {
        return TestHttp.send(request);
    }
}
