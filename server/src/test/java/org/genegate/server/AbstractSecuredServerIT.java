package org.genegate.server;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
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
 * <p>The security profile needs its public base URL before it starts, so the port is chosen here (a free one)
 * rather than by the server, and {@code genegate.security.public-base-url} names it.
 *
 * <p>Like {@link AbstractServerIT}, subclasses leave this configuration alone, so all secured tests share one
 * Spring context (the second of the run, beside AbstractServerIT's).
 */
@SpringBootTest(
        classes = GeneGateServerApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:genegate-secured-it;DB_CLOSE_DELAY=-1",
            "genegate.demo.load-scenarios=true",
            "server.address=127.0.0.1"
        })
@ActiveProfiles("security")
public abstract class AbstractSecuredServerIT {

    /** Started once per test JVM; the cached context keeps pointing at it. */
    protected static final TestIssuers ISSUERS = TestIssuers.start();

    private static final int PORT = freePort();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void trustTestIssuers(DynamicPropertyRegistry registry) {
        ISSUERS.properties().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("server.port", () -> PORT);
        registry.add("genegate.security.public-base-url", () -> "http://localhost:" + PORT);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    /** The FHIR base SMART tokens name as their {@code aud}. */
    protected String fhirBase() {
        return baseUrl() + "/fhir";
    }

    /** An access token of the test SMART authorization server for this server, valid for 5 minutes. */
    protected String smartToken(String scope, String patient) {
        return TestIssuers.sign(ISSUERS.smartRs256, JWSAlgorithm.RS256, null, smartClaims(scope, patient).build());
    }

    /** Claims of a well-formed SMART access token: iss, aud = this FHIR base, iat, exp = now + 5 min, scope. */
    protected JWTClaimsSet.Builder smartClaims(String scope, String patient) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(ISSUERS.smartIssuer()).subject("app-user")
                .audience(fhirBase()).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5)))).jwtID(TestIssuers.jti())
                .claim("scope", scope);
        return patient == null ? claims : claims.claim("patient", patient);
    }

    /** A trusted EHR's ES384 JWT for a CDS Hooks call to {@code path} on this server. */
    protected String ehrToken(String path) {
        Instant now = Instant.now();
        return TestIssuers.sign(ISSUERS.ehrEs384, JWSAlgorithm.ES384, null, new JWTClaimsSet.Builder()
                .issuer(ISSUERS.ehrIssuer()).audience(baseUrl() + path).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5)))).jwtID(TestIssuers.jti()).build());
    }
}
