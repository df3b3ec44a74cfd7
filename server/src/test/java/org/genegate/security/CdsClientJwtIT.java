package org.genegate.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ca.uhn.fhir.context.FhirContext;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.genegate.hooks.HookClient;
import org.genegate.profiles.Scenarios;
import org.genegate.server.AbstractSecuredServerIT;
import org.genegate.server.security.TestIssuers;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;

/**
 * CDS Hooks 2.0 "Trusting CDS Clients" over real HTTP: a hook call signed by a trusted EHR (or as Inferno
 * signs) is answered; every forged, misdirected, stale or replayed token gets 401 with an OperationOutcome.
 */
class CdsClientJwtIT extends AbstractSecuredServerIT {

    private static final String ORDER_SIGN = "/cds-services/j1411-order-sign";

    // --- accepted ---

    @Test
    void aCallSignedByATrustedEhrWithEs384IsAnswered() {
        HttpResponse<String> response = hook(ORDER_SIGN, ehrToken(ISSUERS.ehrEs384, JWSAlgorithm.ES384));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"cards\"");
    }

    @Test
    void aCallSignedByATrustedEhrWithRs384IsAnswered() {
        assertThat(hook(ORDER_SIGN, ehrToken(ISSUERS.ehrRs384, JWSAlgorithm.RS384)).statusCode()).isEqualTo(200);
    }

    @Test
    void aCallSignedAsInfernoSignsIsAnsweredWithEitherOfItsKeys() {
        for (JWSAlgorithm algorithm : new JWSAlgorithm[] {JWSAlgorithm.ES384, JWSAlgorithm.RS384}) {
            JWK key = ISSUERS.infernoKey(algorithm).orElse(null);
            assumeTrue(key != null, "shared/conformance with Inferno's test keys is not beside this checkout");
            // Inferno: header kid, jku, typ; claims iss, aud = the exact service URL, exp = now + 5 min, iat,
            // jti = 64 hex characters; no sub, no tenant.
            Instant now = Instant.now();
            String token = TestIssuers.sign(key, algorithm, ISSUERS.infernoJku(), new JWTClaimsSet.Builder()
                    .issuer(ISSUERS.infernoIssuer()).audience(baseUrl() + ORDER_SIGN)
                    .expirationTime(Date.from(now.plus(Duration.ofMinutes(5)))).issueTime(Date.from(now))
                    .jwtID(TestIssuers.jti()).build());

            HttpResponse<String> response = hook(ORDER_SIGN, token);

            assertThat(response.statusCode()).as(algorithm.getName()).isEqualTo(200);
        }
    }

    @Test
    void aSiteCanAllowRs256AndSetTheAudienceByHand() {
        String token = TestIssuers.sign(ISSUERS.epicRs256, JWSAlgorithm.RS256, null,
                claims(ISSUERS.epicIssuer(), TestIssuers.EPIC_AUDIENCE).build());

        assertThat(hook(ORDER_SIGN, token).statusCode()).isEqualTo(200);
    }

    @Test
    void epicsDocumentedFifteenMinuteTokenIsAnswered() {
        // Epic's documented example: exp - iat = 900 s, nbf 5 minutes before iat.
        Instant now = Instant.now();
        String token = TestIssuers.sign(ISSUERS.epicRs256, JWSAlgorithm.RS256, null,
                claims(ISSUERS.epicIssuer(), TestIssuers.EPIC_AUDIENCE).issueTime(Date.from(now))
                        .notBeforeTime(Date.from(now.minus(Duration.ofMinutes(5))))
                        .expirationTime(Date.from(now.plus(Duration.ofSeconds(900)))).build());

        assertThat(hook(ORDER_SIGN, token).statusCode()).isEqualTo(200);
    }

    @Test
    void aCallToTheServiceUrlWithATrailingSlashAcceptsTheAudienceWithoutIt() {
        HttpResponse<String> response = hook(ORDER_SIGN + "/", ehrToken(ISSUERS.ehrEs384, JWSAlgorithm.ES384));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void anIssuersOwnLifetimeLimitRefusesWhatTheDefaultWouldTake() {
        Instant now = Instant.now();
        String token = TestIssuers.sign(ISSUERS.ehrEs384, JWSAlgorithm.ES384, null,
                claims(ISSUERS.ehrIssuer(), baseUrl() + ORDER_SIGN)
                        .expirationTime(Date.from(now.plus(Duration.ofSeconds(900)))).build());

        assertRejected(hook(ORDER_SIGN, token), "longer than the 10 minutes");
    }

    @Test
    void discoveryAndCorsPreflightNeedNoToken() {
        assertThat(get("/cds-services", null).statusCode()).isEqualTo(200);
        HttpResponse<String> preflight = send(request(ORDER_SIGN, null)
                .header("Origin", "https://ehr.example.org")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type")
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isPresent();
    }

    @Test
    void feedbackIsBehindTheSameCheck() {
        String feedback = ORDER_SIGN + "/feedback";
        String body = "{\"feedback\":[]}";

        assertRejected(post(feedback, body, "application/json", null), "Bearer JWT");
        String token = ehrToken(ISSUERS.ehrEs384, JWSAlgorithm.ES384, baseUrl() + feedback);
        assertThat(post(feedback, body, "application/json", token).statusCode()).isNotEqualTo(401);
    }

    // --- rejected ---

    @Test
    void noTokenIs401WithABearerChallenge() {
        HttpResponse<String> response = hook(ORDER_SIGN, null);

        assertRejected(response, "Bearer JWT");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"cds-services\"");
    }

    @Test
    void anotherSchemeOrGarbageIs401() {
        assertRejected(send(request(ORDER_SIGN, null).header("Authorization", "Basic ZWhyOnNlY3JldA==")
                .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers
                        .ofString(hookBody()))), "Bearer JWT");
        assertRejected(hook(ORDER_SIGN, "not-a-jwt"), "not a JWT");
    }

    @Test
    void algNoneIs401() {
        String token = new PlainJWT(claims(ISSUERS.ehrIssuer(), baseUrl() + ORDER_SIGN).build()).serialize();

        assertRejected(hook(ORDER_SIGN, token), "unsigned (alg none)");
    }

    @Test
    void hmacSignedWithTheEhrsPublicKeyIs401() throws JOSEException {
        // The classic algorithm confusion: HS256 keyed with bytes the attacker can read.
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("ehr-rs384").build(),
                claims(ISSUERS.ehrIssuer(), baseUrl() + ORDER_SIGN).build());
        jwt.sign(new MACSigner(ISSUERS.ehrRs384.toRSAKey().toRSAPublicKey().getEncoded()));

        assertRejected(hook(ORDER_SIGN, jwt.serialize()), "symmetric (HMAC)");
    }

    @Test
    void anAlgorithmTheSiteDoesNotAllowIs401() {
        assertRejected(hook(ORDER_SIGN, ehrToken(ISSUERS.ehrRs256, JWSAlgorithm.RS256)), "not accepted");
    }

    @Test
    void anUnknownKidIs401() {
        String token = TestIssuers.sign(ISSUERS.attackerEs384, JWSAlgorithm.ES384, null,
                claims(ISSUERS.ehrIssuer(), baseUrl() + ORDER_SIGN).build());

        assertRejected(hook(ORDER_SIGN, token), "No ES384 key with kid 'attacker-es384'");
    }

    @Test
    void aJkuOffTheAllowListIsNotFetched() {
        // The EHR has a configured JWKS, so the attacker's jku is ignored and its kid is unknown there.
        String viaEhr = TestIssuers.sign(ISSUERS.attackerEs384, JWSAlgorithm.ES384, ISSUERS.attackerJku(),
                claims(ISSUERS.ehrIssuer(), baseUrl() + ORDER_SIGN).build());
        assertRejected(hook(ORDER_SIGN, viaEhr), "No ES384 key with kid 'attacker-es384'");
        // Inferno's keys come only from its allowed jku.
        String viaInferno = TestIssuers.sign(ISSUERS.attackerEs384, JWSAlgorithm.ES384, ISSUERS.attackerJku(),
                claims(ISSUERS.infernoIssuer(), baseUrl() + ORDER_SIGN).build());
        assertRejected(hook(ORDER_SIGN, viaInferno), "is not on the allow-list");
    }

    @Test
    void aTamperedTokenIs401() {
        String[] parts = ehrToken(ISSUERS.ehrEs384, JWSAlgorithm.ES384).split("\\.");
        String forgedClaims = Base64.getUrlEncoder().withoutPadding().encodeToString(
                claims(ISSUERS.ehrIssuer(), baseUrl() + ORDER_SIGN).subject("someone-else").build().toString()
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertRejected(hook(ORDER_SIGN, parts[0] + "." + forgedClaims + "." + parts[2]),
                "signature does not verify");
    }

    @Test
    void anUntrustedIssuerIs401() {
        String token = TestIssuers.sign(ISSUERS.attackerEs384, JWSAlgorithm.ES384, ISSUERS.attackerJku(),
                claims("https://attacker.example.org", baseUrl() + ORDER_SIGN).build());

        assertRejected(hook(ORDER_SIGN, token), "is not a trusted CDS client");
    }

    @Test
    void aTokenForAnotherServiceIs401() {
        String token = ehrToken(ISSUERS.ehrEs384, JWSAlgorithm.ES384, baseUrl() + "/cds-services/j1411-order-select");

        assertRejected(hook(ORDER_SIGN, token), "does not name this service");
    }

    @Test
    void anExpiredTokenIs401() {
        Instant past = Instant.now().minus(Duration.ofMinutes(15));
        String token = TestIssuers.sign(ISSUERS.ehrEs384, JWSAlgorithm.ES384, null,
                claims(ISSUERS.ehrIssuer(), baseUrl() + ORDER_SIGN).issueTime(Date.from(past))
                        .expirationTime(Date.from(past.plus(Duration.ofMinutes(5)))).build());

        HttpResponse<String> response = hook(ORDER_SIGN, token);

        assertRejected(response, "expired");
        assertThat(outcome(response).getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.EXPIRED);
    }

    @Test
    void aTokenNotYetValidIs401() {
        Instant future = Instant.now().plus(Duration.ofMinutes(3));
        String issuedLater = TestIssuers.sign(ISSUERS.ehrEs384, JWSAlgorithm.ES384, null,
                claims(ISSUERS.ehrIssuer(), baseUrl() + ORDER_SIGN).issueTime(Date.from(future)).build());
        assertRejected(hook(ORDER_SIGN, issuedLater), "issued in the future");
        String validLater = TestIssuers.sign(ISSUERS.ehrEs384, JWSAlgorithm.ES384, null,
                claims(ISSUERS.ehrIssuer(), baseUrl() + ORDER_SIGN).notBeforeTime(Date.from(future)).build());
        assertRejected(hook(ORDER_SIGN, validLater), "not valid before");
    }

    @Test
    void aTokenValidForTooLongIs401() {
        String token = TestIssuers.sign(ISSUERS.ehrEs384, JWSAlgorithm.ES384, null,
                claims(ISSUERS.ehrIssuer(), baseUrl() + ORDER_SIGN)
                        .expirationTime(Date.from(Instant.now().plus(Duration.ofDays(1)))).build());

        assertRejected(hook(ORDER_SIGN, token), "longer than the 10 minutes");
    }

    @Test
    void aReplayedTokenIs401() {
        String token = ehrToken(ISSUERS.ehrEs384, JWSAlgorithm.ES384);

        assertThat(hook(ORDER_SIGN, token).statusCode()).isEqualTo(200);
        assertRejected(hook(ORDER_SIGN, token), "already used");
    }

    @Test
    void aTokenWithoutJtiOrKidIs401() throws JOSEException {
        JWTClaimsSet noJti = new JWTClaimsSet.Builder(claims(ISSUERS.ehrIssuer(), baseUrl() + ORDER_SIGN).build())
                .jwtID(null).build();
        assertRejected(hook(ORDER_SIGN, TestIssuers.sign(ISSUERS.ehrEs384, JWSAlgorithm.ES384, null, noJti)),
                "no jti");
        SignedJWT noKid = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES384).build(),
                claims(ISSUERS.ehrIssuer(), baseUrl() + ORDER_SIGN).build());
        noKid.sign(new DefaultJWSSignerFactory().createJWSSigner(ISSUERS.ehrEs384, JWSAlgorithm.ES384));
        assertRejected(hook(ORDER_SIGN, noKid.serialize()), "no kid");
    }

    // --- helpers ---

    private String ehrToken(JWK key, JWSAlgorithm algorithm) {
        return ehrToken(key, algorithm, baseUrl() + ORDER_SIGN);
    }

    private static String ehrToken(JWK key, JWSAlgorithm algorithm, String audience) {
        return TestIssuers.sign(key, algorithm, null, claims(ISSUERS.ehrIssuer(), audience).build());
    }

    /** Claims of a well-formed token: iss, aud, exp = now + 5 min, iat = now, a fresh jti. */
    private static JWTClaimsSet.Builder claims(String issuer, String audience) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(issuer).audience(audience).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5)))).jwtID(TestIssuers.jti());
    }

    private HttpResponse<String> hook(String path, String bearer) {
        return post(path, hookBody(), "application/json", bearer);
    }

    /** The eligible scenario's order-sign request, read from GeneGate's own store (no prefetch). */
    private String hookBody() {
        return new HookClient(port).orderSign(Scenarios.byId("eligible")).toString();
    }

    private static void assertRejected(HttpResponse<String> response, String reason) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Bearer"));
        OperationOutcome outcome = outcome(response);
        assertThat(outcome.getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains(reason);
    }

    private static OperationOutcome outcome(HttpResponse<String> response) {
        return FhirContext.forR4Cached().newJsonParser().parseResource(OperationOutcome.class, response.body());
    }
}
