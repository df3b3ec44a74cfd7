package org.genegate.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.genegate.record.PatientRecord;
import org.genegate.record.RecordPart;
import org.genegate.terminology.CodeIndex;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class RecordAssemblerTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ExecutorService EXECUTOR = Executors.newFixedThreadPool(4);

    private final PrefetchTemplates templates = new PrefetchTemplates(CodeIndex.load(FHIR));
    private final RecordAssembler assembler = new RecordAssembler(new ResourceTreeParser(FHIR), templates, EXECUTOR,
            Duration.ofMillis(500));
    private final MedicationRequest order = new MedicationRequest().setSubject(new Reference("Patient/p1"))
            .setRequester(new Reference("Practitioner/u1"));

    @AfterAll
    static void stop() {
        EXECUTOR.shutdownNow();
    }

    /** The record of p1 in encounter e1 for Practitioner/u1, with nothing but {@code source} to fetch from. */
    private PatientRecord assemble(Map<String, JsonNode> prefetch, MedicationRequest order, FhirQuery source) {
        return assembler.assemble(new RecordRequest("p1", "e1", "Practitioner/u1", prefetch, source, null), order);
    }

    private static JsonNode json(Resource resource) throws Exception {
        return JSON.readTree(FHIR.newJsonParser().encodeResourceToString(resource));
    }

    @Test
    void prefetchedPartsAreUsedAndTheRestFetchedWithResolvedTemplates() throws Exception {
        Map<String, JsonNode> prefetch = new LinkedHashMap<>();
        prefetch.put("patient", json(new Patient().setId("p1")));
        List<String> asked = new CopyOnWriteArrayList<>();

        PatientRecord record = assemble(prefetch, order, query -> {
            asked.add(query);
            return List.of();
        });

        assertThat(record.patient()).isPresent();
        assertThat(asked).hasSize(RecordPart.values().length - 1)
                .contains("Condition?patient=p1", "PractitionerRole?practitioner=u1")
                .anyMatch(q -> q.startsWith("Encounter?_id=e1&"))
                .noneMatch(q -> q.startsWith("Patient/"));
    }

    @Test
    void aPrefetchedFirstPageWithANextLinkIsFetchedWhole() throws Exception {
        Bundle firstPage = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        firstPage.addEntry().setResource(new Observation().setSubject(new Reference("Patient/p1")).setId("o1"));
        firstPage.addLink().setRelation(Bundle.LINK_NEXT).setUrl("http://ehr.example/fhir?_getpages=x&_offset=50");
        Map<String, JsonNode> prefetch = new LinkedHashMap<>();
        prefetch.put("patient", json(new Patient().setId("p1")));
        prefetch.put("observations", json(firstPage));
        List<String> asked = new CopyOnWriteArrayList<>();

        PatientRecord record = assemble(prefetch, order, query -> {
            asked.add(query);
            return query.startsWith("Observation?") ? List.of(
                    new Observation().setSubject(new Reference("Patient/p1")).setId("o1"),
                    new Observation().setSubject(new Reference("Patient/p1")).setId("o51")) : List.of();
        });

        assertThat(asked).anyMatch(q -> q.startsWith("Observation?patient=p1"));
        assertThat(record.resources(RecordPart.OBSERVATIONS, Observation.class)).hasSize(2);
    }

    @Test
    void nullPrefetchMeansNoDataAndIsNotFetched() {
        Map<String, JsonNode> prefetch = new LinkedHashMap<>();
        for (RecordPart part : RecordPart.values()) {
            prefetch.put(templates.key(part), NullNode.getInstance());
        }

        PatientRecord record = assemble(prefetch, order, null);

        assertThat(record.isAvailable(RecordPart.OBSERVATIONS)).isTrue();
        assertThat(record.resources(RecordPart.OBSERVATIONS, Observation.class)).isEmpty();
    }

    @Test
    void aMissingPartWithNowhereToFetchItIsUnavailableWithTheReason() {
        PatientRecord record = assemble(Map.of(), order, null);

        for (RecordPart part : RecordPart.values()) {
            assertThat(record.isAvailable(part)).as(part.name()).isFalse();
            assertThat(record.unavailableReason(part)).get().asString().contains("no FHIR store");
        }
    }

    @Test
    void aPatientTheStoreDoesNotKnowIs412WhenTheRequestNamesNoFhirServer() {
        assertThatThrownBy(() -> assemble(Map.of(), order, query -> {
            if (query.startsWith("Patient/")) {
                throw FhirQueryException.notFound(query + " not found", null);
            }
            return List.of();
        })).isInstanceOf(RecordIncompleteException.class);
    }

    @Test
    void aPatientTheStoreCouldNotGiveInTimeIsCouldNotVerifyNot412() {
        // A store busy past the budget has not said the patient is unknown: the answer degrades, it is no 412.
        PatientRecord slow = assemble(Map.of(), order, query -> {
            if (query.startsWith("Patient/")) {
                try {
                    Thread.sleep(2_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return List.of();
        });
        PatientRecord failing = assemble(Map.of(), order, query -> {
            if (query.startsWith("Patient/")) {
                throw new FhirQueryException(query + " failed: connection pool exhausted");
            }
            return List.of();
        });

        assertThat(slow.unavailableReason(RecordPart.PATIENT)).get().asString().contains("no answer within");
        assertThat(failing.unavailableReason(RecordPart.PATIENT)).get().asString().contains("pool exhausted");
    }

    @Test
    void failingAndSlowFetchesMakePartsUnavailableWithinTheBudget() {
        long started = System.nanoTime();

        PatientRecord record = assemble(Map.of(), order, query -> {
            if (query.startsWith("Observation")) {
                throw new FhirQueryException("FHIR server answered HTTP 500");
            }
            if (query.startsWith("Condition")) {
                try {
                    Thread.sleep(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new ArrayList<>();
        });

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(record.unavailableReason(RecordPart.OBSERVATIONS)).get().asString().contains("HTTP 500");
        assertThat(record.unavailableReason(RecordPart.CONDITIONS)).get().asString().contains("no answer within");
        assertThat(record.isAvailable(RecordPart.PROCEDURES)).isTrue();
    }

    @Test
    void aFetchedPartOfAnotherPatientIsUnavailable() {
        Observation foreign = new Observation().setSubject(new Reference("Patient/other"));
        foreign.setId("o1");

        PatientRecord record = assemble(Map.of(), order,
                query -> query.startsWith("Observation") ? List.of(foreign) : List.of());

        // Whose record it is instead is never said: the reason may reach an app of the context patient.
        assertThat(record.unavailableReason(RecordPart.OBSERVATIONS)).get().asString()
                .contains("not of the context patient").doesNotContain("Patient/other");
    }

    @Test
    void prefetchOfTheWrongTypeIs422() throws Exception {
        Map<String, JsonNode> prefetch = Map.of("observations", json(new Bundle().addEntry(
                new Bundle.BundleEntryComponent().setResource(new Patient().setId("p1")))));

        assertThatThrownBy(() -> assemble(prefetch, order, query -> List.of()))
                .isInstanceOf(InvalidRequestDataException.class);
    }

    @Test
    void withoutARequesterTheSigningPractitionerRoleOrThePerformerIsFetched() {
        MedicationRequest noRequester = new MedicationRequest().setSubject(new Reference("Patient/p1"));
        List<String> asked = new CopyOnWriteArrayList<>();
        FhirQuery source = query -> {
            asked.add(query);
            return List.of();
        };

        assembler.assemble(new RecordRequest("p1", "e1", "PractitionerRole/role-7", Map.of(), source, null),
                noRequester, EnumSet.of(RecordPart.PRACTITIONER_ROLES), assembler.deadline());
        assembler.assemble(new RecordRequest("p1", "e1", null, Map.of(), source, null),
                noRequester.setPerformer(new Reference("Practitioner/perf-1")), EnumSet.of(RecordPart.PRACTITIONER_ROLES),
                assembler.deadline());

        assertThat(asked).containsExactly("PractitionerRole?_id=role-7", "PractitionerRole?practitioner=perf-1");
    }
}
