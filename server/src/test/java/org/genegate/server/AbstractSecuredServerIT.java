package org.genegate.server;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.genegate.server.security.TestIssuers;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of every integration test that needs the {@code security} profile on: the whole server on a random
 * port, its own in-memory H2 database with the scenario patients, and the issuers of {@link TestIssuers}
 * trusted (CDS clients and the SMART authorization server, their JWK Sets served on loopback).
 *
 * <p>Like {@link AbstractServerIT}, subclasses leave this configuration alone, so all secured tests share one
 * Spring context (the second of the run, beside AbstractServerIT's).
 */
@SpringBootTest(
        classes = GeneGateServerApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:genegate-secured-it;DB_CLOSE_DELAY=-1",
            "genegate.demo.load-scenarios=true",
            "server.address=127.0.0.1"
        })
@ActiveProfiles("security")
public abstract class AbstractSecuredServerIT {

    /** Started once per test JVM; the cached context keeps pointing at it. */
    protected static final TestIssuers ISSUERS = TestIssuers.start();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void trustTestIssuers(DynamicPropertyRegistry registry) {
        ISSUERS.properties().forEach((name, value) -> registry.add(name, () -> value));
    }

    /** e.g. {@code http://localhost:12345}; a hook's {@code aud} is this plus the path. */
    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    protected HttpResponse<String> get(String path, String bearer) {
        return send(request(path, bearer).header("Accept", "application/fhir+json, application/json").GET());
    }

    protected HttpResponse<String> post(String path, String body, String contentType, String bearer) {
        return send(request(path, bearer).header("Content-Type", contentType)
                .header("Accept", "application/fhir+json, application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    protected static HttpResponse<String> send(HttpRequest.Builder request) {
        return TestHttp.send(request);
    }

    protected HttpRequest.Builder request(String path, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path.replace("|", "%7C")));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return request;
    }
}
