package org.genegate.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.genegate.fetch.FhirQueryException;
import org.genegate.profiles.Scenario;
import org.genegate.profiles.Scenarios;
import org.genegate.server.AbstractServerIT;
import org.genegate.server.fetch.CachedStoreQuery;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Ratio;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Order-sign from the own store, answered twice from the record cache, then a write through {@code /fhir} that
 * changes what a gate reads: the next answer must show it (it would not if the write left the cache entries
 * valid). Each test works on its own copy of the {@code eligible} patient, whose AAV5 NAb titer of 1:200 passes.
 */
class RecordCacheIT extends AbstractServerIT {

    private static final Map<String, String> NAB_TOO_HIGH = Map.of("nab-aav5", "FAIL");

    @Autowired
    private CachedStoreQuery cache;

    private HookClient client;

    @BeforeEach
    void client() {
        client = new HookClient(port);
    }

    @Test
    void aNewNabTiterChangesTheNextAnswer() {
        Scenario patient = copyOfEligible("cache-new-nab");
        answeredTwiceTheSecondTimeFromTheCache(patient);

        // Dated the order's day, so it is the latest titer.
        Observation newer = nabOf(patient).setValue(titer(900))
                .setEffective(new DateTimeType(Scenarios.loadDay().toString()));
        newer.setId((String) null);
        HttpResponse<String> created = fhirPost("Observation", json(newer));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        assertThat(HookAssertions.findings(sign(patient))).isEqualTo(NAB_TOO_HIGH);
    }

    @Test
    void anUpdatedThenDeletedObservationChangesTheNextAnswers() {
        Scenario patient = copyOfEligible("cache-update");
        answeredTwiceTheSecondTimeFromTheCache(patient);

        HttpResponse<String> updated = fhirSend("PUT", nabPath(patient), json(nabOf(patient).setValue(titer(900))));
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        assertThat(HookAssertions.findings(sign(patient))).isEqualTo(NAB_TOO_HIGH);

        HttpResponse<String> deleted = fhirSend("DELETE", nabPath(patient), null);
        assertThat(deleted.statusCode()).as(deleted.body()).isBetween(200, 204);
        assertThat(HookAssertions.findings(sign(patient))).isEqualTo(Map.of("nab-aav5", "MISSING"));
    }

    @Test
    void aTransactionBundleChangesTheNextAnswer() {
        Scenario patient = copyOfEligible("cache-bundle");
        answeredTwiceTheSecondTimeFromTheCache(patient);

        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        transaction.addEntry().setResource(nabOf(patient).setValue(titer(900))).getRequest()
                .setMethod(Bundle.HTTPVerb.PUT).setUrl(nabPath(patient));
        HttpResponse<String> stored = fhirPost("", json(transaction));
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);

        assertThat(HookAssertions.findings(sign(patient))).isEqualTo(NAB_TOO_HIGH);
    }

    @Test
    void aFailedWriteLeavesTheEntriesValid() {
        Scenario patient = copyOfEligible("cache-failed");
        JsonNode answer = answeredTwiceTheSecondTimeFromTheCache(patient);

        // The NAb update would fail the gate, but the bundle's second entry names a patient that does not exist:
        // HAPI refuses the whole transaction.
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        transaction.addEntry().setResource(nabOf(patient).setValue(titer(900))).getRequest()
                .setMethod(Bundle.HTTPVerb.PUT).setUrl(nabPath(patient));
        Observation orphan = nabOf(patient).setSubject(new Reference("Patient/cache-failed-no-such-patient"));
        orphan.setId((String) null);
        transaction.addEntry().setResource(orphan).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
        HttpResponse<String> refused = fhirPost("", json(transaction));
        assertThat(refused.statusCode()).as(refused.body()).isBetween(400, 499);

        long hits = cache.answeredFromEntries();
        JsonNode again = sign(patient);
        assertThat(cache.answeredFromEntries()).as("queries answered from the cache").isGreaterThan(hits);
        assertThat(HookAssertions.findings(again)).isEqualTo(HookAssertions.findings(answer)).isEmpty();
    }

    @Test
    void anEncounterSearchByIdIsKeptUntilTheEncounterChanges() throws FhirQueryException {
        Scenario patient = copyOfEligible("cache-encounter");
        String query = "Encounter?_id=" + patient.encounterId() + "&_include=Encounter:location";
        assertThat(versionOfEncounter(cache.run(query))).isEqualTo("1");
        long hits = cache.answeredFromEntries();
        assertThat(versionOfEncounter(cache.run(query))).isEqualTo("1");
        assertThat(cache.answeredFromEntries()).isEqualTo(hits + 1);

        Encounter encounter = parse(Encounter.class, fhirGet("Encounter/" + patient.encounterId()));
        HttpResponse<String> updated = fhirSend("PUT", "Encounter/" + patient.encounterId(),
                json(encounter.setStatus(Encounter.EncounterStatus.FINISHED)));
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);

        assertThat(versionOfEncounter(cache.run(query))).isEqualTo("2");
    }

    @Test
    void aSearchByIdThatFindsNothingIsNotKept() throws FhirQueryException {
        String query = "Encounter?_id=cache-no-such-encounter";
        assertThat(cache.run(query)).isEmpty();
        long hits = cache.answeredFromEntries();

        assertThat(cache.run(query)).isEmpty();
        assertThat(cache.answeredFromEntries()).isEqualTo(hits);
    }

    private static String versionOfEncounter(List<Resource> result) {
        return result.stream().filter(Encounter.class::isInstance).findFirst().orElseThrow()
                .getMeta().getVersionId();
    }

    private JsonNode answeredTwiceTheSecondTimeFromTheCache(Scenario patient) {
        JsonNode first = sign(patient);
        assertThat(HookAssertions.findings(first)).isEqualTo(patient.expectedFindings());
        long hits = cache.answeredFromEntries();
        JsonNode second = sign(patient);
        assertThat(cache.answeredFromEntries()).as("queries answered from the cache").isGreaterThan(hits);
        assertThat(HookAssertions.findings(second)).isEqualTo(HookAssertions.findings(first));
        assertThat(HookAssertions.cardGroups(second)).isEqualTo(HookAssertions.cardGroups(first));
        return second;
    }

    /** The eligible scenario under ids of its own, stored through {@code /fhir}. */
    private Scenario copyOfEligible(String prefix) {
        Scenario eligible = Scenarios.byId("eligible");
        Scenario copy = new Scenario(prefix, eligible.title(), rename(eligible.patientId(), prefix),
                rename(eligible.encounterId(), prefix), rename(eligible.userId(), prefix),
                rename(eligible.bundleJson(), prefix), rename(eligible.ordersJson(), prefix),
                eligible.expectedFindings(), eligible.expectedCards(), eligible.notes(),
                eligible.expectedPatientViewCards(), eligible.dates());
        HttpResponse<String> loaded = fhirPost("", copy.bundleJson());
        assertThat(loaded.statusCode()).as(loaded.body()).isEqualTo(200);
        return copy;
    }

    private static String rename(String text, String prefix) {
        return text.replace("eligible-", prefix + "-");
    }

    private static String nabPath(Scenario patient) {
        return "Observation/" + patient.id() + "-aav5-nab";
    }

    private Observation nabOf(Scenario patient) {
        return parse(Observation.class, fhirGet(nabPath(patient)));
    }

    private static Ratio titer(int denominator) {
        return new Ratio().setNumerator(new Quantity(1)).setDenominator(new Quantity(denominator));
    }

    private JsonNode sign(Scenario patient) {
        HookClient.Response response = client.post("/cds-services/" + CdsServiceCatalog.ORDER_SIGN_ID,
                client.orderSign(patient).toString());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private String json(Resource resource) {
        return fhirContext.newJsonParser().encodeResourceToString(resource);
    }

    private HttpResponse<String> fhirSend(String method, String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(fhirBase() + "/" + path))
                .header("Accept", "application/fhir+json")
                .header("Content-Type", "application/fhir+json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)));
    }
}
