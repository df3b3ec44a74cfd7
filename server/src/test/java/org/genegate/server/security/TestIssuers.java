package org.genegate.server.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.text.ParseException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The token issuers the secured tests trust, with real keys: an EHR and an Epic-style site (generated
 * ES384/RS384/RS256 keys), Inferno (its published test keys, when {@code shared/conformance} is beside the
 * checkout), a SMART authorization server, and an attacker nobody trusts. Their JWK Sets are served over real
 * HTTP on loopback by the JDK's HTTP server, for as long as the test JVM (and so the cached Spring context)
 * lives.
 */
public final class TestIssuers {

    private static final String INFERNO_KEYS = "inferno-crd-test-kit/inferno_crd_jwks_TEST_KEYS_incl_private.json";
    public static final String EPIC_AUDIENCE = "https://genegate.example.org/cds/j1411-order-sign";

    private final HttpServer server;
    private final String base;
    public final JWK ehrEs384 = ec("ehr-es384", JWSAlgorithm.ES384);
    public final JWK ehrRs384 = rsa("ehr-rs384", JWSAlgorithm.RS384);
    public final JWK ehrRs256 = rsa("ehr-rs256", JWSAlgorithm.RS256);
    public final JWK epicRs256 = rsa("epic-rs256", JWSAlgorithm.RS256);
    public final JWK attackerEs384 = ec("attacker-es384", JWSAlgorithm.ES384);
    public final JWK smartRs256 = rsa("smart-rs256", JWSAlgorithm.RS256);
    /** Same kid as the authorization server's key, but another key. */
    public final JWK strangerRs256 = rsa("smart-rs256", JWSAlgorithm.RS256);
    private final JWKSet infernoKeys;

    private TestIssuers() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "test-jwks");
            thread.setDaemon(true);
            return thread;
        }));
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        infernoKeys = loadInfernoKeys().orElse(null);
        serve("/ehr/jwks.json", new JWKSet(List.of(ehrEs384, ehrRs384, ehrRs256)).toPublicJWKSet().toString());
        serve("/epic/jwks.json", new JWKSet(epicRs256).toPublicJWKSet().toString());
        serve("/attacker/jwks.json", new JWKSet(attackerEs384).toPublicJWKSet().toString());
        serve("/smart/jwks.json", new JWKSet(smartRs256).toPublicJWKSet().toString());
        if (infernoKeys != null) {
            // Inferno publishes only the verification halves of its keys.
            serve("/suites/custom/crd_server/jwks.json", new JWKSet(infernoKeys.getKeys().stream()
                    .filter(key -> !key.isPrivate()).toList()).toString(false));
        }
        server.start();
    }

    public static TestIssuers start() {
        try {
            return new TestIssuers();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String ehrIssuer() {
        return base + "/ehr";
    }

    public String epicIssuer() {
        return base + "/epic";
    }

    /** Inferno's CRD server suite: iss {@code <inferno base>/custom/crd_server}, JWKS beside it. */
    public String infernoIssuer() {
        return base + "/suites/custom/crd_server";
    }

    public URI infernoJku() {
        return URI.create(infernoIssuer() + "/jwks.json");
    }

    public URI attackerJku() {
        return URI.create(base + "/attacker/jwks.json");
    }

    public String smartIssuer() {
        return base + "/smart";
    }

    /** Inferno's published private key for the algorithm, when shared/conformance is beside the checkout. */
    public Optional<JWK> infernoKey(JWSAlgorithm algorithm) {
        return infernoKeys == null ? Optional.empty() : infernoKeys.getKeys().stream()
                .filter(key -> key.isPrivate() && algorithm.equals(key.getAlgorithm())).findFirst();
    }

    /** The properties of the secured test context: every issuer above except the attacker. */
    public Map<String, String> properties() {
        Map<String, String> properties = new HashMap<>();
        properties.put("genegate.security.cds-clients[0].issuer", ehrIssuer());
        properties.put("genegate.security.cds-clients[0].jwks-url", ehrIssuer() + "/jwks.json");
        // A limit of its own, below the global 15 minutes (CdsClientJwtIT checks both).
        properties.put("genegate.security.cds-clients[0].max-token-lifetime", "10m");
        properties.put("genegate.security.cds-clients[1].issuer", infernoIssuer());
        properties.put("genegate.security.cds-clients[1].allowed-jku[0]", infernoJku().toString());
        properties.put("genegate.security.cds-clients[2].issuer", epicIssuer());
        properties.put("genegate.security.cds-clients[2].jwks-url", epicIssuer() + "/jwks.json");
        properties.put("genegate.security.cds-clients[2].audience[0]", EPIC_AUDIENCE);
        properties.put("genegate.security.cds-clients[2].algorithms", "RS256,RS384,ES384");
        properties.put("genegate.security.smart.issuer", smartIssuer());
        properties.put("genegate.security.smart.jwks-url", smartIssuer() + "/jwks.json");
        properties.put("genegate.security.smart.authorization-endpoint", smartIssuer() + "/authorize");
        properties.put("genegate.security.smart.token-endpoint", smartIssuer() + "/token");
        properties.put("genegate.security.smart.revocation-endpoint", smartIssuer() + "/revoke");
        return properties;
    }

    /** Signs claims with a key, its kid in the header, typ JWT, and the jku if one is given. */
    public static String sign(JWK key, JWSAlgorithm algorithm, URI jku, JWTClaimsSet claims) {
        JWSHeader header = new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).type(JOSEObjectType.JWT)
                .jwkURL(jku).build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new DefaultJWSSignerFactory().createJWSSigner(key, algorithm));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** A jti as Inferno makes it: 64 hex characters. */
    public static String jti() {
        byte[] random = new byte[32];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private void serve(String path, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        server.createContext(path, exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
    }

    private static Optional<JWKSet> loadInfernoKeys() {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path file = dir.resolve("shared").resolve("conformance").resolve(INFERNO_KEYS);
            if (Files.isRegularFile(file)) {
                try {
                    return Optional.of(JWKSet.parse(Files.readString(file)));
                } catch (IOException | ParseException e) {
                    throw new IllegalStateException("Inferno's test keys are unreadable: " + file, e);
                }
            }
        }
        return Optional.empty();
    }

    private static JWK ec(String kid, JWSAlgorithm algorithm) {
        try {
            return new ECKeyGenerator(Curve.P_384).keyID(kid).algorithm(algorithm).keyUse(KeyUse.SIGNATURE).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWK rsa(String kid, JWSAlgorithm algorithm) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).algorithm(algorithm).keyUse(KeyUse.SIGNATURE).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
