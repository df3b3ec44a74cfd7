package org.genegate.hooks;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;

/**
 * Signs hook-call JWTs the way Inferno's CRD server suite does: ES384 or RS384 with its published TEST keys
 * ({@code inferno_crd_jwks_TEST_KEYS_incl_private.json}); header {@code kid}, {@code jku} = the issuer's
 * {@code /jwks.json}, {@code typ: JWT}; claims {@code iss}, {@code aud} = the exact service URL,
 * {@code exp} = now + 5 min, {@code iat}, {@code jti} = 64 hex characters; no {@code sub}, no {@code tenant}.
 */
final class InfernoJwt {

    /** The issuer Inferno uses: its base URL plus {@code /custom/crd_server}. */
    static final String ISSUER = "https://inferno.healthit.gov/suites/custom/crd_server";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JWKSet keys;

    private InfernoJwt(JWKSet keys) {
        this.keys = keys;
    }

    static InfernoJwt load(Path jwks) {
        try {
            return new InfernoJwt(JWKSet.parse(Files.readString(jwks)));
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("Inferno test keys could not be read from " + jwks, e);
        }
    }

    /** A signed token for a call to {@code audience} with the ES384 or RS384 signing key. */
    String sign(JWSAlgorithm algorithm, String audience) {
        JWK key = keys.getKeys().stream()
                .filter(k -> algorithm.equals(k.getAlgorithm()) && k.isPrivate()
                        && (k.getKeyOperations() == null || k.getKeyOperations().contains(KeyOperation.SIGN)))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No " + algorithm + " signing key in the Inferno JWKS"));
        Instant now = Instant.now();
        byte[] jti = new byte[32];
        RANDOM.nextBytes(jti);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(audience)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .jwtID(HexFormat.of().formatHex(jti))
                .build();
        JWSHeader header = new JWSHeader.Builder(algorithm)
                .type(JOSEObjectType.JWT)
                .keyID(key.getKeyID())
                .jwkURL(URI.create(ISSUER + "/jwks.json"))
                .build();
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(signer(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Signing failed", e);
        }
    }

    private static JWSSigner signer(JWK key) throws JOSEException {
        if (key instanceof ECKey ec) {
            return new ECDSASigner(ec);
        }
        if (key instanceof RSAKey rsa) {
            return new RSASSASigner(rsa);
        }
        throw new IllegalStateException("Unsupported key type " + key.getKeyType());
    }
}
