package org.genegate.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.genegate.server.AbstractSecuredServerIT;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/**
 * SMART on FHIR on {@code /fhir} with real signed access tokens: scopes (v1 and v2) decide what a token may
 * read and write, a patient token stays in its patient's compartment, and bad tokens never get in.
 */
class SmartFhirAccessIT extends AbstractSecuredServerIT {

    private static final String PATIENT = "eligible-patient";
    private static final String OTHER_PATIENT = "nab-high-patient";
    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @Test
    void noTokenIs401WithABearerChallenge() {
        HttpResponse<String> response = get("/fhir/Patient/" + PATIENT, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"fhir\"");
        assertThat(outcome(response).getIssueFirstRep().getDiagnostics()).contains("SMART on FHIR access token");
    }

    @Test
    void aBrowserAppOfAnotherOriginGetsCorsAndItsPreflightNeedsNoToken() {
        String origin = "https://smart-app.example.org";
        HttpResponse<String> preflight = send(request("/fhir/Observation?patient=" + PATIENT, null)
                .header("Origin", origin).header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        HttpResponse<String> read = send(request("/fhir/Patient/" + PATIENT, smartToken("patient/*.read", PATIENT))
                .header("Origin", origin).GET());
        HttpResponse<String> refused = send(request("/fhir/Patient/" + PATIENT, null).header("Origin", origin).GET());

        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).get().isIn("*", origin);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).get().asString().containsIgnoringCase(
                "authorization");
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.headers().firstValue("Access-Control-Allow-Origin")).get().isIn("*", origin);
        // The browser app can read why it was refused.
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).get().isIn("*", origin);
        assertThat(refused.headers().firstValue("Access-Control-Expose-Headers")).get().asString()
                .contains("WWW-Authenticate");
    }

    @Test
    void aPatientTokenReadsItsOwnPatientsRecord() {
        String token = smartToken("patient/*.read", PATIENT);

        assertThat(get("/fhir/Patient/" + PATIENT, token).statusCode()).isEqualTo(200);
        HttpResponse<String> observations = get("/fhir/Observation?patient=" + PATIENT, token);
        assertThat(observations.statusCode()).isEqualTo(200);
        assertThat(FHIR.newJsonParser().parseResource(Bundle.class, observations.body()).getEntry()).isNotEmpty();
        // Shared reference data the scope names is readable too.
        assertThat(get("/fhir/Practitioner/eligible-practitioner", token).statusCode()).isEqualTo(200);
        assertThat(get("/fhir/Practitioner?_id=eligible-practitioner", token).statusCode()).isEqualTo(200);
    }

    @Test
    void aPatientTokensSearchesAreNarrowedToItsPatient() {
        HttpResponse<String> response = get("/fhir/Observation?_count=200", smartToken("patient/Observation.rs", PATIENT));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, response.body());
        assertThat(bundle.getEntry()).isNotEmpty().allSatisfy(entry -> assertThat(
                ((Observation) entry.getResource()).getSubject().getReference()).isEqualTo("Patient/" + PATIENT));
    }

    @Test
    void aPatientTokenCannotReadAnotherPatient() {
        String token = smartToken("patient/*.read", PATIENT);

        assertForbidden(get("/fhir/Patient/" + OTHER_PATIENT, token));
        assertForbidden(get("/fhir/Observation?patient=" + OTHER_PATIENT, token));
        assertForbidden(get("/fhir/Observation?subject=Patient/" + OTHER_PATIENT, token));
    }

    @Test
    void aScopeReachesOnlyItsResourceType() {
        String token = smartToken("patient/Observation.rs", PATIENT);

        assertThat(get("/fhir/Observation?patient=" + PATIENT, token).statusCode()).isEqualTo(200);
        assertForbidden(get("/fhir/Patient/" + PATIENT, token));
        assertForbidden(get("/fhir/Condition?patient=" + PATIENT, token));
    }

    @Test
    void writesNeedAWriteScope() {
        assertForbidden(createObservation(smartToken("patient/*.read", PATIENT), PATIENT));
        assertForbidden(createObservation(smartToken("user/*.read", null), PATIENT));
    }

    @Test
    void aPatientWriteScopeWritesOnlyIntoItsPatient() {
        String v2 = smartToken("patient/Observation.cruds", PATIENT);
        assertThat(createObservation(v2, PATIENT).statusCode()).isEqualTo(201);
        assertForbidden(createObservation(v2, OTHER_PATIENT));

        String v1 = smartToken("patient/Observation.write", PATIENT);
        assertThat(createObservation(v1, PATIENT).statusCode()).isEqualTo(201);
    }

    @Test
    void aTransactionIsCheckedEntryByEntry() {
        String token = smartToken("patient/Observation.cruds", PATIENT);

        assertThat(transaction(token, PATIENT).statusCode()).isEqualTo(200);
        assertForbidden(transaction(token, OTHER_PATIENT));
        assertForbidden(transaction(smartToken("patient/*.read", PATIENT), PATIENT));
    }

    @Test
    void terminologyOperationsAreOpenToAnyScopedToken() {
        HttpResponse<String> expansion = get("/fhir/ValueSet/$expand?url=http://genegate.org/fhir/ValueSet/aav5-nab",
                smartToken("patient/Observation.rs", PATIENT));

        assertThat(expansion.statusCode()).as(expansion.body()).isEqualTo(200);
    }

    @Test
    void anUpdateOnlyScopeCannotCreate() {
        assertForbidden(createObservation(smartToken("user/Observation.u", null), PATIENT));
    }

    @Test
    void userScopesReachEveryPatient() {
        String token = smartToken("user/Patient.read user/Observation.cruds", null);

        assertThat(get("/fhir/Patient/" + OTHER_PATIENT, token).statusCode()).isEqualTo(200);
        assertThat(createObservation(token, OTHER_PATIENT).statusCode()).isEqualTo(201);
    }

    @Test
    void aPatientScopeWithoutLaunchPatientReachesNoOne() {
        assertForbidden(get("/fhir/Patient/" + PATIENT, smartToken("patient/*.read", null)));
    }

    @Test
    void scopesWithQueryParametersGrantNothing() {
        assertForbidden(get("/fhir/Observation?patient=" + PATIENT,
                smartToken("patient/Observation.rs?category=laboratory", PATIENT)));
    }

    @Test
    void anExpiredTokenIs401() {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        String token = TestIssuers.sign(ISSUERS.smartRs256, JWSAlgorithm.RS256, null, smartClaims("user/*.read", null)
                .issueTime(Date.from(past)).expirationTime(Date.from(past.plus(Duration.ofHours(1)))).build());

        assertUnauthorized(get("/fhir/Patient/" + PATIENT, token), "Expired JWT");
    }

    @Test
    void aTokenOfAnotherIssuerOrKeyIs401() throws JOSEException {
        String otherIssuer = TestIssuers.sign(ISSUERS.smartRs256, JWSAlgorithm.RS256, null,
                smartClaims("user/*.read", null).issuer("https://elsewhere.example.org").build());
        assertUnauthorized(get("/fhir/Patient/" + PATIENT, otherIssuer), "iss");

        // Same kid as the authorization server's key, different key.
        String forged = TestIssuers.sign(ISSUERS.strangerRs256, JWSAlgorithm.RS256, null,
                smartClaims("user/*.read", null).build());
        assertUnauthorized(get("/fhir/Patient/" + PATIENT, forged), "Invalid signature");

        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("smart-rs256").build(),
                smartClaims("user/*.read", null).build());
        hmac.sign(new MACSigner(ISSUERS.smartRs256.toRSAKey().toRSAPublicKey().getEncoded()));
        assertUnauthorized(get("/fhir/Patient/" + PATIENT, hmac.serialize()), "refused");

        assertUnauthorized(get("/fhir/Patient/" + PATIENT, "not-a-jwt"), "not a signed JWT");
    }

    @Test
    void theReadinessChecklistNeedsReadAccessToItsPatient() {
        String token = smartToken("patient/*.read", PATIENT);

        HttpResponse<String> own = get("/fhir/Patient/" + PATIENT + "/$j1411-readiness", token);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        assertThat(own.body()).contains("\"resourceType\":\"Parameters\"");
        assertForbidden(get("/fhir/Patient/" + OTHER_PATIENT + "/$j1411-readiness", token));
        assertForbidden(get("/fhir/Patient/" + PATIENT + "/$j1411-readiness",
                smartToken("patient/Observation.rs", PATIENT)));
        assertThat(get("/fhir/Patient/" + OTHER_PATIENT + "/$j1411-readiness", smartToken("user/Patient.read", null))
                .statusCode()).isEqualTo(200);
    }

    @Test
    void theMonitoringStatusNeedsReadAccessToItsPatient() {
        String token = smartToken("patient/*.read", PATIENT);

        HttpResponse<String> own = get("/fhir/Patient/" + PATIENT + "/$monitoring-status", token);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        assertThat(own.body()).contains("pre-infusion");
        assertForbidden(get("/fhir/Patient/" + OTHER_PATIENT + "/$monitoring-status", token));
        assertThat(get("/fhir/Patient/" + OTHER_PATIENT + "/$monitoring-status", smartToken("user/Patient.read", null))
                .statusCode()).isEqualTo(200);
    }

    @Test
    void theWorklistIsForUserLevelPatientReadersOnly() {
        HttpResponse<String> clinic = get("/fhir/Patient/$hemgenix-worklist", smartToken("user/*.read", null));
        assertThat(clinic.statusCode()).as(clinic.body()).isEqualTo(200);
        assertThat(clinic.body()).contains("Patient/" + PATIENT, "Patient/" + OTHER_PATIENT);

        assertForbidden(get("/fhir/Patient/$hemgenix-worklist", smartToken("patient/*.read", PATIENT)));
        assertForbidden(get("/fhir/Patient/$hemgenix-worklist", smartToken("user/Observation.read", null)));
    }

    @Test
    void theClaimCheckIsForUserLevelClaimReaders() {
        String claim = "{\"resourceType\":\"Claim\",\"status\":\"active\",\"patient\":{\"reference\":\"Patient/"
                + PATIENT + "\"}}";

        HttpResponse<String> billing = post("/fhir/Claim/$j1411-check", claim, "application/fhir+json",
                smartToken("user/Claim.read user/Patient.read", null));
        assertThat(billing.statusCode()).as(billing.body()).isEqualTo(200);
        assertThat(outcome(billing).getIssue()).isNotEmpty();
        assertForbidden(post("/fhir/Claim/$j1411-check", claim, "application/fhir+json",
                smartToken("patient/*.read", PATIENT)));
    }

    // --- helpers ---

    private HttpResponse<String> createObservation(String token, String patient) {
        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.getCode().setText("SMART write test");
        observation.setSubject(new Reference("Patient/" + patient));
        return post("/fhir/Observation", FHIR.newJsonParser().encodeResourceToString(observation),
                "application/fhir+json", token);
    }

    private HttpResponse<String> transaction(String token, String patient) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.getCode().setText("SMART transaction test");
        observation.setSubject(new Reference("Patient/" + patient));
        bundle.addEntry().setResource(observation).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
        return post("/fhir", FHIR.newJsonParser().encodeResourceToString(bundle), "application/fhir+json", token);
    }

    private static void assertForbidden(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(outcome(response).getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
    }

    private static void assertUnauthorized(HttpResponse<String> response, String reason) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue(
                "Bearer realm=\"fhir\", error=\"invalid_token\"");
        assertThat(outcome(response).getIssueFirstRep().getDiagnostics()).contains(reason);
    }

    private static OperationOutcome outcome(HttpResponse<String> response) {
        return FHIR.newJsonParser().parseResource(OperationOutcome.class, response.body());
    }
}
