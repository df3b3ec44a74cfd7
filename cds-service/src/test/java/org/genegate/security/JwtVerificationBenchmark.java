package org.genegate.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.genegate.security.settings.SecurityProperties;
import org.genegate.security.settings.SecurityProperties.TrustedCdsClient;

/**
 * Prints what verifying a hook call's JWT costs (the latency the security profile adds to each hook):
 * ES384 and RS384 (3072-bit) tokens, each with a fresh jti, against a warm JWKS cache. A program, not a test:
 * it asserts nothing. See docs/security.md for the command.
 */
public final class JwtVerificationBenchmark {

    private static final String ISSUER = "https://ehr.example.org";
    private static final String AUDIENCE = "https://genegate.example.org/cds-services/j1411-order-sign";
    private static final int WARM_UP = 500;
    private static final int MEASURED = 5_000;

    public static void main(String[] args) throws Exception {
        JWK ec = new ECKeyGenerator(Curve.P_384).keyID("es384").generate();
        JWK rsa = new RSAKeyGenerator(3072).keyID("rs384").generate();
        String jwks = new JWKSet(List.of(ec, rsa)).toPublicJWKSet().toString();
        // The JWKS comes from memory: after the first fetch a real one is served from the cache too.
        ResourceRetriever retriever = url -> new Resource(jwks, "application/json");
        SecurityProperties properties = new SecurityProperties(List.of(new TrustedCdsClient(
                ISSUER, URI.create(ISSUER + "/jwks.json"), null, null, null, null)), null, null, 1_000_000, null, false,
                null);
        CdsClientJwtVerifier verifier = new CdsClientJwtVerifier(properties, retriever,
                new ReplayGuard(properties.replayCacheSize()), Clock.systemUTC());

        System.out.printf("JWT verification per hook call (%d calls after %d warm-up, Java %s, %d cores, "
                        + "load average %.1f)%n", MEASURED, WARM_UP, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        measure("ES384", ec, JWSAlgorithm.ES384, verifier);
        measure("RS384", rsa, JWSAlgorithm.RS384, verifier);
    }

    private static void measure(String name, JWK key, JWSAlgorithm algorithm, CdsClientJwtVerifier verifier)
            throws JOSEException {
        for (int i = 0; i < WARM_UP; i++) {
            verifier.verify(token(key, algorithm), AUDIENCE);
        }
        String[] tokens = new String[MEASURED];
        for (int i = 0; i < MEASURED; i++) {
            tokens[i] = token(key, algorithm);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] nanos = new long[MEASURED];
        long cpuStart = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < MEASURED; i++) {
            long start = System.nanoTime();
            verifier.verify(tokens[i], AUDIENCE);
            nanos[i] = System.nanoTime() - start;
        }
        // CPU time is what a call costs whatever else the machine runs; wall time includes waiting for a core.
        double cpuMicros = (threads.getCurrentThreadCpuTime() - cpuStart) / 1_000.0 / MEASURED;
        Arrays.sort(nanos);
        System.out.printf("  %s: CPU %.0f µs per call; wall mean %.0f µs, p50 %.0f µs, p99 %.0f µs%n", name,
                cpuMicros, Arrays.stream(nanos).average().orElse(0) / 1_000, nanos[MEASURED / 2] / 1_000.0,
                nanos[MEASURED * 99 / 100] / 1_000.0);
    }

    private static String token(JWK key, JWSAlgorithm algorithm) throws JOSEException {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .jwtID(UUID.randomUUID().toString()).build());
        jwt.sign(new DefaultJWSSignerFactory().createJWSSigner(key, algorithm));
        return jwt.serialize();
    }
}
