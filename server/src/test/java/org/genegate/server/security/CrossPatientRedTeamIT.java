package org.genegate.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.genegate.hooks.HookClient;
import org.genegate.profiles.Scenarios;
import org.genegate.server.AbstractSecuredServerIT;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Ratio;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * An attacker holding a SMART token for patient A ({@code nab-high-patient}) goes after patient B
 * ({@code eligible-patient}) through every write path and every read path of {@code /fhir}, and through the hook
 * edge. Each attack must end in 401/403/404 or a narrowed answer; after each test B's record (every resource
 * of B's compartment, with its version) and B's order-sign answer are what they were before.
 */
@ExtendWith(OutputCaptureExtension.class)
class CrossPatientRedTeamIT extends AbstractSecuredServerIT {

    private static final String A = "nab-high-patient";
    private static final String B = "eligible-patient";
    private static final String ORDER_SIGN = "/cds-services/j1411-order-sign";
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    /** Types of B's record that belong to B (reference data such as B's practitioner is shared by design). */
    private static final Set<String> SHARED = SmartAuthorizationInterceptor.SHARED_REFERENCE_TYPES;

    private String recordBefore;
    private String cardsBefore;

    @BeforeEach
    void snapshotB() {
        recordBefore = recordOfB();
        cardsBefore = orderSignCardsOfB();
    }

    @AfterEach
    void bIsUnchanged() {
        assertThat(recordOfB()).isEqualTo(recordBefore);
        assertThat(orderSignCardsOfB()).isEqualTo(cardsBefore);
    }

    // --- 1. conditional create must not read other patients ---

    @Test
    void conditionalCreateNamingAnotherPatientsObservationDoesNotReturnIt() {
        HttpResponse<String> response = send(request("/fhir/Observation", smartToken("patient/Observation.c", A))
                .header("Content-Type", "application/fhir+json").header("If-None-Exist", "_id=eligible-aav5-nab")
                .header("Prefer", "return=representation")
                .POST(HttpRequest.BodyPublishers.ofString(json(observation(A, null)))));

        // Narrowed to A, the criteria cannot match B's resource; HAPI then refuses to create a resource that
        // does not satisfy them (400). Either way nothing of B's comes back.
        assertThat(response.statusCode()).as(response.body()).isIn(201, 400, 403);
        assertThat(response.body()).doesNotContain(B).doesNotContain("Anti-AAV5 neutralizing antibody titer");
        assertThat(response.headers().firstValue("Location").orElse("")).doesNotContain("eligible-aav5-nab");
    }

    @Test
    void conditionalCreateNamingAnotherPatientDoesNotReturnTheirDemographics() {
        String patient = "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Probe\"}]}";
        HttpResponse<String> response = send(request("/fhir/Patient", smartToken("patient/*.cruds", A))
                .header("Content-Type", "application/fhir+json").header("If-None-Exist", "_id=" + B)
                .header("Prefer", "return=representation")
                .POST(HttpRequest.BodyPublishers.ofString(patient)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(response.body()).doesNotContain("Eligible").doesNotContain("1986-04-12");
        assertThat(response.headers().firstValue("Location").orElse("")).doesNotContain(B);
    }

    // --- 2. writes into another patient's record ---

    @Test
    void aWriteNamingTheAttackerOnlyAsPerformerIsRefused() {
        HttpResponse<String> response = post("/fhir/Observation", json(nabTiter(B, A)), "application/fhir+json",
                smartToken("patient/Observation.cruds", A));

        assertForbidden(response);
    }

    @Test
    void anyReferenceToAnotherPatientInAWrittenResourceIsRefused() {
        Observation observation = observation(A, A);
        observation.addFocus(new Reference("Patient/" + B));

        assertForbidden(post("/fhir/Observation", json(observation), "application/fhir+json",
                smartToken("patient/Observation.cruds", A)));
    }

    @Test
    void updatePatchAndConditionalUpdateCannotMoveAResourceToAnotherPatient() {
        String token = smartToken("patient/Observation.cruds", A);
        HttpResponse<String> created = post("/fhir/Observation", json(observation(A, A)), "application/fhir+json",
                token);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = FHIR.newJsonParser().parseResource(Observation.class, created.body()).getIdElement().getIdPart();

        Observation moved = nabTiter(B, A);
        moved.setId(id);
        assertForbidden(send(request("/fhir/Observation/" + id, token).header("Content-Type", "application/fhir+json")
                .PUT(HttpRequest.BodyPublishers.ofString(json(moved)))));

        String patch = "[{\"op\":\"replace\",\"path\":\"/subject/reference\",\"value\":\"Patient/" + B + "\"}]";
        assertForbidden(send(request("/fhir/Observation/" + id, token)
                .header("Content-Type", "application/json-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(patch))));

        Observation conditional = nabTiter(B, A);
        conditional.addIdentifier().setSystem("urn:genegate:red-team").setValue(UUID.randomUUID().toString());
        assertForbidden(send(request("/fhir/Observation?identifier=urn:genegate:red-team|"
                + conditional.getIdentifierFirstRep().getValue(), token).header("Content-Type", "application/fhir+json")
                .PUT(HttpRequest.BodyPublishers.ofString(json(conditional)))));
    }

    @Test
    void everyEntryOfATransactionAndABatchIsChecked() {
        String token = smartToken("patient/Observation.cruds", A);
        for (Bundle.BundleType type : List.of(Bundle.BundleType.TRANSACTION, Bundle.BundleType.BATCH)) {
            Bundle bundle = new Bundle().setType(type);
            bundle.addEntry().setResource(observation(A, A)).getRequest().setMethod(Bundle.HTTPVerb.POST)
                    .setUrl("Observation");
            bundle.addEntry().setResource(nabTiter(B, A)).getRequest().setMethod(Bundle.HTTPVerb.POST)
                    .setUrl("Observation");

            HttpResponse<String> response = post("/fhir", json(bundle), "application/fhir+json", token);

            if (type == Bundle.BundleType.TRANSACTION) {
                assertForbidden(response);
            } else {
                assertThat(response.statusCode()).as(response.body()).isIn(200, 403);
                if (response.statusCode() == 200) {
                    Bundle answer = FHIR.newJsonParser().parseResource(Bundle.class, response.body());
                    assertThat(answer.getEntry().get(1).getResponse().getStatus()).startsWith("403");
                }
            }
        }
    }

    @Test
    void ifNoneExistCriteriaOfTheTokensOwnPatientWorkInATransaction() {
        String token = smartToken("patient/Observation.cruds", A);
        String value = UUID.randomUUID().toString();
        for (String criteria : List.of(
                "identifier=urn:genegate:red-team|" + value + "&patient=Patient/" + A,
                "subject=Patient/" + A + "&code=urn:genegate:red-team|" + value,
                "patient=" + A + "&code=urn:genegate:red-team|" + value,
                "subject:Patient=" + A + "&identifier=urn:genegate:red-team|" + value,
                "identifier=urn:genegate:red-team|" + value)) {
            Observation observation = observation(A, null);
            observation.addIdentifier().setSystem("urn:genegate:red-team").setValue(value);
            observation.getCode().addCoding().setSystem("urn:genegate:red-team").setCode(value);
            List<String> statuses = new ArrayList<>();
            for (int attempt = 0; attempt < 2; attempt++) {
                Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
                transaction.addEntry().setResource(observation).getRequest().setMethod(Bundle.HTTPVerb.POST)
                        .setUrl("Observation").setIfNoneExist(criteria);
                HttpResponse<String> response = post("/fhir", json(transaction), "application/fhir+json", token);
                assertThat(response.statusCode()).as(criteria + " → " + response.body()).isEqualTo(200);
                statuses.add(FHIR.newJsonParser().parseResource(Bundle.class, response.body()).getEntryFirstRep()
                        .getResponse().getStatus());
            }
            // The first criteria create A's resource; from then on every form finds it, and nothing is created.
            assertThat(statuses.get(1)).as(criteria).startsWith("200");
        }
    }

    @Test
    void ifNoneExistCriteriaNamingOrProbingAnotherPatientNeverMatchTheirDataInATransaction() {
        String token = smartToken("patient/Observation.cruds", A);
        for (String criteria : List.of(
                "identifier=urn:genegate:red-team|x&patient=Patient/" + B,
                "subject=Patient/" + B + "&code=http://loinc.org|1742-6",
                "patient=" + B,
                "subject:Patient=" + B,
                "subject=" + fhirBase() + "/Patient/" + B,
                "patient=Patient/" + A + "&patient=Patient/" + B,
                "patient=Patient/" + A + "," + B,
                "performer=Patient/" + B)) {
            HttpResponse<String> response = conditionalCreateOfA(criteria, token);
            assertThat(response.statusCode()).as(criteria + " → " + response.body()).isEqualTo(403);
            assertThat(response.body()).as(criteria).doesNotContain("Eligible");
        }
        for (String criteria : List.of("subject.family=Eligible", "subject.birthdate=1986-04-12",
                "_id=eligible-aav5-nab")) {
            HttpResponse<String> response = conditionalCreateOfA(criteria, token);
            // Narrowed to A, the criteria reach none of B's data: a new resource, or a refusal naming nothing.
            assertThat(response.statusCode()).as(criteria + " → " + response.body()).isIn(200, 400, 403, 412);
            // The answer may echo the criteria themselves ("subject.family=Eligible"), never B's resources.
            assertThat(response.body()).as(criteria).doesNotContain("eligible-")
                    .doesNotContainPattern("\\d+ (resources|results|matches)");
            if (response.statusCode() == 200) {
                assertThat(FHIR.newJsonParser().parseResource(Bundle.class, response.body()).getEntryFirstRep()
                        .getResponse().getStatus()).as(criteria).startsWith("201");
            }
        }
    }

    private HttpResponse<String> conditionalCreateOfA(String criteria, String token) {
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        transaction.addEntry().setResource(observation(A, null)).getRequest().setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Observation").setIfNoneExist(criteria);
        return post("/fhir", json(transaction), "application/fhir+json", token);
    }

    // --- 3. searches on shared types must not answer questions about other patients ---

    @Test
    void reverseChainsAndChainsFromSharedTypesAreRefused() {
        String token = smartToken("patient/*.read", A);

        for (String query : List.of(
                "Organization?_has:Coverage:payor:beneficiary=Patient/" + B,
                "Organization?_has:Coverage:payor:beneficiary.birthdate=1986-04-12",
                "Practitioner?_has:Encounter:participant:patient.family=Eligible",
                "Practitioner?_has:Encounter:practitioner:subject=Patient/" + B,
                "Organization?_id=eligible-payer&_revinclude=Coverage:payor",
                "Location?_has:Encounter:location:patient=Patient/" + B)) {
            HttpResponse<String> response = get("/fhir/" + query, token);
            assertThat(response.statusCode()).as(query + " → " + response.body()).isEqualTo(403);
            assertNothingOfB(query, response);
        }
    }

    // --- 4. no counts of other patients' resources in 412 answers ---

    @Test
    void conditionalUpdateAndDeleteSayNothingAboutResourcesTheTokenMayNotSee() {
        String code = "red-team-" + UUID.randomUUID();
        String user = smartToken("user/Observation.cruds", null);
        for (int i = 0; i < 2; i++) {
            Observation observation = observation(B, null);
            observation.getCode().addCoding().setSystem("urn:genegate:red-team").setCode(code);
            assertThat(post("/fhir/Observation", json(observation), "application/fhir+json", user).statusCode())
                    .isEqualTo(201);
        }
        recordBefore = recordOfB();
        String token = smartToken("patient/Observation.cruds", A);
        String url = "/fhir/Observation?code=urn:genegate:red-team|" + code;

        HttpResponse<String> update = send(request(url, token).header("Content-Type", "application/fhir+json")
                .PUT(HttpRequest.BodyPublishers.ofString(json(observation(A, null)))));
        HttpResponse<String> delete = send(request(url, token).DELETE());

        for (HttpResponse<String> response : List.of(update, delete)) {
            assertThat(response.statusCode()).as(response.body()).isNotEqualTo(500);
            assertThat(response.body()).doesNotContainPattern("\\d+ (resources|matches)").doesNotContain("matched 2");
        }
    }

    @Test
    void conditionalEntriesOfBatchesAndTransactionsSayNoCountEither() {
        String code = "red-team-" + UUID.randomUUID();
        String user = smartToken("user/Observation.cruds", null);
        String token = smartToken("patient/Observation.cruds", A);
        for (String patient : List.of(A, A, B, B)) {
            Observation observation = observation(patient, null);
            observation.getCode().addCoding().setSystem("urn:genegate:red-team").setCode(code);
            assertThat(post("/fhir/Observation", json(observation), "application/fhir+json",
                    patient.equals(A) ? token : user).statusCode()).isEqualTo(201);
        }
        recordBefore = recordOfB();
        String url = "Observation?code=urn:genegate:red-team|" + code;

        for (Bundle.BundleType type : List.of(Bundle.BundleType.BATCH, Bundle.BundleType.TRANSACTION)) {
            Bundle bundle = new Bundle().setType(type);
            bundle.addEntry().setResource(observation(A, null)).getRequest().setMethod(Bundle.HTTPVerb.PUT)
                    .setUrl(url);
            bundle.addEntry().setResource(observation(A, null)).getRequest().setMethod(Bundle.HTTPVerb.POST)
                    .setUrl("Observation").setIfNoneExist(url.substring("Observation?".length()));
            HttpResponse<String> response = post("/fhir", json(bundle), "application/fhir+json", token);

            // HAPI's answers: "Multiple resources match" (no count), or "this search matched 2 resources" (redacted).
            assertThat(response.statusCode()).as(response.body()).isEqualTo(type == Bundle.BundleType.BATCH ? 200 : 412);
            assertThat(response.body()).as(type.toCode())
                    .doesNotContainPattern("\\d+ (resources|results|matches)").doesNotContain("matched");
            if (type == Bundle.BundleType.BATCH) {
                assertThat(response.body()).contains(MatchCountRedaction.MESSAGE);
            }
        }
    }

    // --- 5. the readiness operation names no owners ---

    @Test
    void readinessWithAnOrderNamingAnotherPatientsEncounterDoesNotSayWhose() {
        Bundle orders = FHIR.newJsonParser().parseResource(Bundle.class, Scenarios.byId("nab-high").ordersJson());
        Parameters in = new Parameters();
        for (Bundle.BundleEntryComponent entry : orders.getEntry()) {
            Resource order = entry.getResource();
            if (order instanceof MedicationRequest request) {
                request.setEncounter(new Reference("Encounter/eligible-encounter"));
            }
            in.addParameter().setName("order").setResource(order);
        }

        HttpResponse<String> response = post("/fhir/Patient/" + A + "/$j1411-readiness", json(in),
                "application/fhir+json", smartToken("patient/*.read", A));

        assertThat(response.statusCode()).as(response.body()).isNotEqualTo(500);
        assertThat(response.body()).doesNotContain(B);
    }

    // --- 6. request data never forges a log line ---

    @Test
    void controlCharactersInKidAndIssDoNotReachTheLogRaw(CapturedOutput output) throws Exception {
        String forged = "\r\n2026-12-03T00:00:00.000Z  INFO 1 --- [main] FORGED-LOG-LINE";
        Instant now = Instant.now();
        SignedJWT badKid = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES384).keyID("ehr-es384" + forged)
                .type(JOSEObjectType.JWT).build(), new JWTClaimsSet.Builder()
                .issuer(ISSUERS.ehrIssuer()).audience(baseUrl() + ORDER_SIGN).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5)))).jwtID(TestIssuers.jti()).build());
        badKid.sign(new DefaultJWSSignerFactory().createJWSSigner(ISSUERS.attackerEs384, JWSAlgorithm.ES384));
        String badIss = TestIssuers.sign(ISSUERS.attackerEs384, JWSAlgorithm.ES384, null,
                new JWTClaimsSet.Builder().issuer("https://ehr.example.org" + forged)
                        .audience(baseUrl() + ORDER_SIGN).issueTime(Date.from(now))
                        .expirationTime(Date.from(now.plus(Duration.ofMinutes(5)))).jwtID(TestIssuers.jti()).build());
        String badSmartIss = TestIssuers.sign(ISSUERS.smartRs256, JWSAlgorithm.RS256, null,
                smartClaims("patient/*.read", A).issuer(ISSUERS.smartIssuer() + forged).build());

        assertThat(post(ORDER_SIGN, hookBodyOfB(), "application/json", badKid.serialize()).statusCode())
                .isEqualTo(401);
        assertThat(post(ORDER_SIGN, hookBodyOfB(), "application/json", badIss).statusCode()).isEqualTo(401);
        assertThat(get("/fhir/Patient/" + A, badSmartIss).statusCode()).isEqualTo(401);

        assertThat(output.getAll()).contains("FORGED-LOG-LINE");
        assertThat(output.getAll().lines()).noneMatch(line -> line.stripLeading().startsWith("2026-12-03T00:00:00"));
    }

    @Test
    void refusalsAreOneLogLineWithoutAStackTrace(CapturedOutput output) {
        assertThat(get("/fhir/Patient/" + B, null).statusCode()).isEqualTo(401);
        assertForbidden(get("/fhir/Patient/" + B, smartToken("patient/*.read", A)));

        assertThat(output.getAll()).doesNotContain("\tat ca.uhn.fhir").doesNotContain("\tat org.genegate");
    }

    @Test
    void theErrorPathIsNotA500() {
        HttpResponse<String> response = get("/error", null);

        assertThat(response.statusCode()).as(response.body()).isIn(401, 404);
    }

    // --- 7. SMART tokens: aud checked, lifetime capped ---

    @Test
    void aSmartTokenForAnotherAudienceOrWithoutOneIsRefused() {
        String elsewhere = TestIssuers.sign(ISSUERS.smartRs256, JWSAlgorithm.RS256, null,
                smartClaims("patient/*.read", A).audience("https://other-fhir.example.org/fhir").build());
        String none = TestIssuers.sign(ISSUERS.smartRs256, JWSAlgorithm.RS256, null,
                smartClaims("patient/*.read", A).audience((String) null).build());

        assertThat(get("/fhir/Patient/" + A, elsewhere).statusCode()).isEqualTo(401);
        assertThat(get("/fhir/Patient/" + A, none).statusCode()).isEqualTo(401);
        assertThat(get("/fhir/Patient/" + A, smartToken("patient/*.read", A)).statusCode()).isEqualTo(200);
    }

    @Test
    void aTenYearSmartTokenIsRefused() {
        Instant now = Instant.now();
        String token = TestIssuers.sign(ISSUERS.smartRs256, JWSAlgorithm.RS256, null,
                smartClaims("patient/*.read", A).expirationTime(Date.from(now.plus(Duration.ofDays(3650)))).build());

        HttpResponse<String> response = get("/fhir/Patient/" + A, token);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("lifetime");
    }

    // --- 8. the Host header decides nothing ---

    @Test
    void aForgedHostHeaderChangesNeitherAudNorLinks() throws IOException {
        String evilAud = "http://evil.example" + ORDER_SIGN;
        Instant now = Instant.now();
        String token = TestIssuers.sign(ISSUERS.ehrEs384, JWSAlgorithm.ES384, null,
                new JWTClaimsSet.Builder().issuer(ISSUERS.ehrIssuer()).audience(evilAud)
                        .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                        .jwtID(TestIssuers.jti()).build());
        assertThat(raw("POST", ORDER_SIGN, token, hookBodyOfB())).startsWith("HTTP/1.1 401");

        String hook = raw("POST", ORDER_SIGN, ehrToken(ORDER_SIGN), hookBodyOfB());
        assertThat(hook).startsWith("HTTP/1.1 200").doesNotContain("evil.example");

        String search = raw("GET", "/fhir/Observation?patient=" + A + "&_count=1", smartToken("patient/*.read", A),
                null);
        assertThat(search).startsWith("HTTP/1.1 200").contains(fhirBase()).doesNotContain("evil.example");
    }

    // --- the walk: every read path with A's token against B's data ---

    @Test
    void everyReadPathIsRefusedOrNarrowed() {
        String token = smartToken("patient/*.read", A);
        List<String> paths = List.of(
                "Patient/" + B,
                "Patient/" + B + "/_history/1",
                "Patient/" + B + "/_history",
                "Observation/eligible-aav5-nab",
                "Observation/eligible-aav5-nab/_history/1",
                "Observation/eligible-aav5-nab/_history",
                "Observation/_history",
                "_history",
                "Coverage/eligible-coverage",
                "Encounter/eligible-encounter",
                "Observation?patient=" + B,
                "Observation?subject=Patient/" + B,
                "Observation?_id=eligible-aav5-nab",
                "Observation?subject:Patient.family=Eligible",
                "Observation?subject.birthdate=1986-04-12",
                "Observation?code=http://genegate.org/fhir/CodeSystem/genegate|aav5-nab-titer",
                "Observation?_include=Observation:subject",
                "Patient?_revinclude=Observation:subject",
                "Patient?_id=" + B,
                "Patient?family=Eligible",
                "Patient?_has:Observation:patient:code=aav5-nab-titer",
                "Coverage?beneficiary=Patient/" + B,
                "Coverage?payor=Organization/eligible-payer",
                "Encounter?participant=Practitioner/eligible-practitioner",
                "Practitioner?_id=eligible-practitioner&_revinclude=Encounter:participant",
                "Organization?_revinclude=Coverage:payor",
                "?_type=Observation",
                "Patient/" + B + "/$everything",
                "Patient/" + B + "/$j1411-readiness",
                "Observation/eligible-aav5-nab/$meta",
                "Patient/" + B + "/Observation");
        for (String path : paths) {
            HttpResponse<String> response = get("/fhir/" + path, token);
            assertThat(response.statusCode()).as(path + " → " + response.body()).isIn(200, 400, 403, 404);
            assertNothingOfB(path, response);
            followNextLinks(path, response, token);
        }
    }

    @Test
    void everyWritePathIsRefused() {
        String token = smartToken("patient/*.cruds", A);
        Observation replacement = nabTiter(B, A);
        replacement.setId("eligible-aav5-nab");
        String titer = json(replacement);
        assertForbidden(send(request("/fhir/Observation/eligible-aav5-nab", token)
                .header("Content-Type", "application/fhir+json").PUT(HttpRequest.BodyPublishers.ofString(titer))));
        assertThat(send(request("/fhir/Observation/eligible-aav5-nab", token).DELETE()).statusCode())
                .isIn(403, 404);
        assertThat(send(request("/fhir/Observation?patient=" + B, token).DELETE()).statusCode()).isIn(403, 404);
        assertThat(send(request("/fhir/Observation?subject.family=Eligible", token).DELETE()).statusCode())
                .isIn(200, 204, 403, 404, 412);
        assertThat(send(request("/fhir/Observation/eligible-aav5-nab", token)
                .header("Content-Type", "application/json-patch+json").method("PATCH", HttpRequest.BodyPublishers
                        .ofString("[{\"op\":\"replace\",\"path\":\"/status\",\"value\":\"cancelled\"}]")))
                .statusCode()).isIn(403, 404);
        assertThat(post("/fhir/Observation/eligible-aav5-nab/$meta-add", "{\"resourceType\":\"Parameters\","
                + "\"parameter\":[{\"name\":\"meta\",\"valueMeta\":{\"tag\":[{\"code\":\"x\"}]}}]}",
                "application/fhir+json", token).statusCode()).isIn(403, 404);
        assertForbidden(post("/fhir/Patient", "{\"resourceType\":\"Patient\",\"id\":\"x\",\"link\":[{\"other\":"
                + "{\"reference\":\"Patient/" + B + "\"},\"type\":\"seealso\"}]}", "application/fhir+json", token));
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        transaction.addEntry().getRequest().setMethod(Bundle.HTTPVerb.DELETE).setUrl("Observation/eligible-aav5-nab");
        assertThat(post("/fhir", json(transaction), "application/fhir+json", token).statusCode()).isIn(403, 404);
        Bundle conditional = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        conditional.addEntry().setResource(observation(A, A)).getRequest().setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Observation").setIfNoneExist("_id=eligible-aav5-nab");
        HttpResponse<String> created = post("/fhir", json(conditional), "application/fhir+json", token);
        assertThat(created.statusCode()).as(created.body()).isIn(200, 400, 403, 412);
        assertThat(created.body()).doesNotContain("Observation/eligible-aav5-nab").doesNotContainPattern("\\d+ resources");
    }

    // --- helpers ---

    private void followNextLinks(String path, HttpResponse<String> response, String token) {
        if (response.statusCode() != 200 || !response.body().contains("\"relation\":\"next\"")) {
            return;
        }
        Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, response.body());
        String next = bundle.getLink("next").getUrl();
        HttpResponse<String> page = get(next.substring(baseUrl().length()), token);
        assertThat(page.statusCode()).isIn(200, 403, 404, 410);
        assertNothingOfB(path + " (next page)", page);
    }

    /** B's compartment resources by id (shared reference data such as B's practitioner excluded). */
    private static Set<String> idsOfB() {
        Bundle record = FHIR.newJsonParser().parseResource(Bundle.class, Scenarios.byId("eligible").bundleJson());
        Set<String> ids = new TreeSet<>();
        for (Bundle.BundleEntryComponent entry : record.getEntry()) {
            if (!SHARED.contains(entry.getResource().fhirType())) {
                ids.add(entry.getResource().fhirType() + "/" + entry.getResource().getIdElement().getIdPart());
            }
        }
        return ids;
    }

    private static void assertNothingOfB(String what, HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            assertThat(response.body()).as(what).doesNotContain("Eligible").doesNotContain("1986-04-12");
            return;
        }
        JsonNode body = HookClient.read(response.body());
        List<String> found = new ArrayList<>();
        if (body.has("entry")) {
            for (JsonNode entry : body.get("entry")) {
                JsonNode resource = entry.path("resource");
                found.add(resource.path("resourceType").asText() + "/" + resource.path("id").asText());
            }
        } else if (body.has("resourceType") && body.has("id")) {
            found.add(body.get("resourceType").asText() + "/" + body.get("id").asText());
        }
        assertThat(found).as(what + " → " + response.body()).doesNotContainAnyElementsOf(idsOfB());
    }

    /** Every resource in B's compartment with its version, as a user-level token sees it. */
    private String recordOfB() {
        String token = smartToken("user/*.read", null);
        List<String> entries = new ArrayList<>();
        for (String query : List.of("Patient?_id=" + B, "Observation?patient=" + B,
                "Observation?performer=Patient/" + B, "Condition?patient=" + B, "Coverage?beneficiary=Patient/" + B,
                "Encounter?patient=" + B, "MedicationRequest?patient=" + B, "DiagnosticReport?patient=" + B,
                "CarePlan?patient=" + B, "Procedure?patient=" + B, "MedicationAdministration?patient=" + B)) {
            HttpResponse<String> response = get("/fhir/" + query + "&_count=500", token);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, response.body());
            bundle.getEntry().forEach(entry -> entries.add(entry.getResource().getIdElement().toUnqualified()
                    .getValue()));
        }
        return String.join("\n", new TreeSet<>(entries));
    }

    /** B's order-sign cards (summary and indicator), as a trusted EHR gets them without prefetch. */
    private String orderSignCardsOfB() {
        HttpResponse<String> response = post(ORDER_SIGN, hookBodyOfB(), "application/json", ehrToken(ORDER_SIGN));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> cards = new ArrayList<>();
        for (JsonNode card : HookClient.read(response.body()).path("cards")) {
            cards.add(card.path("indicator").asText() + " " + card.path("summary").asText() + " "
                    + card.path("detail").asText());
        }
        return String.join("\n", cards);
    }

    private String hookBodyOfB() {
        return new HookClient(port).orderSign(Scenarios.byId("eligible")).toString();
    }

    /** An HTTP/1.1 exchange over a socket, with a Host header the JDK client would not let a test forge. */
    private String raw(String method, String path, String bearer, String body) throws IOException {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("localhost", port)) {
            String head = method + " " + path.replace("|", "%7C") + " HTTP/1.1\r\nHost: evil.example\r\n"
                    + "Authorization: Bearer " + bearer + "\r\nAccept: application/fhir+json, application/json\r\n"
                    + (body == null ? "" : "Content-Type: application/json\r\nContent-Length: " + content.length
                    + "\r\n") + "Connection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Observation observation(String subject, String performer) {
        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.getCode().setText("red-team probe");
        observation.setSubject(new Reference("Patient/" + subject));
        if (performer != null) {
            observation.addPerformer(new Reference("Patient/" + performer));
        }
        return observation;
    }

    /** A high anti-AAV5 NAb titer (1:2000): in B's record it would block B's order. */
    private static Observation nabTiter(String subject, String performer) {
        Observation observation = observation(subject, performer);
        observation.getCode().addCoding().setSystem("http://genegate.org/fhir/CodeSystem/genegate")
                .setCode("aav5-nab-titer");
        observation.setEffective(new DateTimeType(new Date()));
        observation.setValue(new Ratio().setNumerator(new Quantity(1)).setDenominator(new Quantity(2000)));
        return observation;
    }

    private static String json(Resource resource) {
        return FHIR.newJsonParser().encodeResourceToString(resource);
    }

    private static void assertForbidden(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(response.body()).doesNotContain("Eligible");
    }
}
