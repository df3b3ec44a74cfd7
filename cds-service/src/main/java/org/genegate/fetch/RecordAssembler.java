package org.genegate.fetch;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.genegate.orders.Prescriber;
import org.genegate.record.PatientRecord;
import org.genegate.record.RecordPart;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Builds the patient's record for one request (a hook call, a FHIR operation): prefetch first; every part the EHR did not prefetch
 * (key absent, or an OperationOutcome in its place) is fetched from {@code source}, all parts in
 * parallel under one total time budget. A part that cannot be had is marked unavailable with the
 * reason, so its gates report "could not verify" (so is a part with nowhere to fetch it from: no {@code source});
 * JSON {@code null} in prefetch means "no data".
 */
public final class RecordAssembler {

    private final ResourceTreeParser parser;
    private final PrefetchTemplates templates;
    private final ExecutorService executor;
    private final Duration budget;

    public RecordAssembler(ResourceTreeParser parser, PrefetchTemplates templates, ExecutorService executor,
                           Duration budget) {
        this.parser = parser;
        this.templates = templates;
        this.executor = executor;
        this.budget = budget;
    }

    /** A deadline of this assembler's budget, starting now. */
    public FetchDeadline deadline() {
        return FetchDeadline.startingNow(budget);
    }

    /** The whole record, within a fresh deadline. */
    public PatientRecord assemble(RecordRequest request, MedicationRequest order) {
        return assemble(request, order, EnumSet.allOf(RecordPart.class), deadline());
    }

    /**
     * The record of the request's patient, limited to {@code parts} (the others are marked unavailable, so a gate
     * reading one could never pass on it), within a deadline the call may have started spending already (e.g. on
     * reading a Medication).
     *
     * @param order the order whose encounter and requester name the encounter and prescriber parts; null when
     *              there is none (then only the request names them)
     * @throws RecordIncompleteException when this service's own store answers that it does not know the patient
     * @throws InvalidRequestDataException when prefetch or an id that would go into a query is not valid
     */
    public PatientRecord assemble(RecordRequest request, MedicationRequest order, Set<RecordPart> parts,
                                  FetchDeadline deadline) {
        Set<RecordPart> notFound = EnumSet.noneOf(RecordPart.class);
        PatientRecord.Builder record = PatientRecord.builder();
        Map<RecordPart, String> toFetch = new EnumMap<>(RecordPart.class);
        String patientId = request.patientId();
        for (RecordPart part : RecordPart.values()) {
            if (!parts.contains(part)) {
                record.unavailable(part, "not read by this service");
                continue;
            }
            String key = templates.key(part);
            JsonNode prefetched = request.prefetch().get(key);
            List<Resource> resources = prefetched == null ? null : readPrefetched(key, prefetched);
            if (resources != null) {
                String problem = PartResources.problem(part, resources, patientId);
                if (problem != null) {
                    throw new InvalidRequestDataException("prefetch." + key + " " + problem);
                }
                record.part(part, resources);
                continue;
            }
            String query = resolve(part, request, order);
            if (query == null) {
                // Nothing to ask for (e.g. no encounter in context or order): the part has no data.
                record.part(part, List.of());
            } else {
                toFetch.put(part, query);
            }
        }
        if (!toFetch.isEmpty()) {
            if (request.source() == null) {
                // A service without a store, called without fhirServer: the gates that read these parts say
                // "could not verify" on cards the clinician sees (a 412 is often shown to nobody).
                toFetch.keySet().forEach(part -> record.unavailable(part, "prefetch lacks " + templates.key(part)
                        + ", and the request names no fhirServer and this service has no FHIR store to read it from"));
            } else {
                fetchAll(toFetch, request.source(), patientId, record, notFound, deadline);
            }
        }
        PatientRecord assembled = record.build();
        if (notFound.contains(RecordPart.PATIENT) && !request.remote()) {
            // The request gave neither the patient nor a server to ask, and this server's own store answered
            // that it does not know the patient: every gate would be guesswork. A store that was merely slow
            // or failing is not this case; its parts stay "could not verify".
            throw new RecordIncompleteException("The request prefetches no patient and names no "
                    + "fhirServer, and this server's store cannot give it: "
                    + assembled.unavailableReason(RecordPart.PATIENT).orElse("not found"));
        }
        return assembled;
    }

    /**
     * The prefetched resources, or null when the key must be fetched: an OperationOutcome stands in its place, or
     * the prefetch is only the first page of a search (a {@code next} link), whose later pages may hold the very
     * result a gate needs.
     */
    private List<Resource> readPrefetched(String key, JsonNode value) {
        if (value.isNull()) {
            return List.of();
        }
        Resource resource = parser.parseRecordResource(value, "prefetch." + key);
        if (resource instanceof OperationOutcome
                || resource instanceof Bundle bundle && bundle.getLink(Bundle.LINK_NEXT) != null) {
            return null;
        }
        return resourcesOf(resource);
    }

    static List<Resource> resourcesOf(Resource resource) {
        if (!(resource instanceof Bundle bundle)) {
            return List.of(resource);
        }
        List<Resource> resources = new ArrayList<>(bundle.getEntry().size());
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            // Servers add OperationOutcome entries with search warnings; they are not record data.
            if (entry.hasResource() && !(entry.getResource() instanceof OperationOutcome)) {
                resources.add(entry.getResource());
            }
        }
        return resources;
    }

    private String resolve(RecordPart part, RecordRequest request, MedicationRequest order) {
        String template = templates.template(part);
        String query = template.replace(PrefetchTemplates.PATIENT_TOKEN, request.patientId());
        if (query.contains(PrefetchTemplates.ENCOUNTER_TOKEN)) {
            String encounterId = request.encounterId() != null ? request.encounterId()
                    : order == null ? null : idOf(order.getEncounter(), "Encounter", "encounter");
            if (encounterId == null) {
                return null;
            }
            query = query.replace(PrefetchTemplates.ENCOUNTER_TOKEN, encounterId);
        }
        if (query.contains(PrefetchTemplates.PRACTITIONER_TOKEN)) {
            // Whom the prescriber gate judges: the requester, else the signing user, else the performer. Their
            // references go into a query, so a malformed one is refused (422) rather than passed over.
            if (order != null) {
                requireValidPractitioner(order.getRequester(), "requester");
                requireValidPractitioner(order.getPerformer(), "performer");
            }
            Optional<Prescriber> prescriber = Prescriber.of(order, request.userId());
            if (prescriber.isEmpty()) {
                return null;
            }
            String id = prescriber.get().id();
            if (!FhirIds.isId(id)) {
                throw new InvalidRequestDataException("The prescriber reference (" + prescriber.get().who()
                        + ") is not a valid " + prescriber.get().type() + " reference");
            }
            return prescriber.get().isRole() ? "PractitionerRole?_id=" + id
                    : query.replace(PrefetchTemplates.PRACTITIONER_TOKEN, id);
        }
        return query;
    }

    private static void requireValidPractitioner(Reference reference, String element) {
        idOf(reference, "PractitionerRole", element);
        idOf(reference, "Practitioner", element);
    }

    /**
     * The id of a reference of the draft order to a resource of this type, or null when it refers to another type.
     * The id goes into a FHIR query, so anything but a FHIR id is refused (422) rather than sent.
     */
    private static String idOf(Reference reference, String type, String element) {
        if (reference == null || !reference.hasReference()) {
            return null;
        }
        String ref = reference.getReference();
        int at = ref.lastIndexOf(type + "/");
        if (at < 0 || (at > 0 && ref.charAt(at - 1) != '/')) {
            return null;
        }
        String id = ref.substring(at + type.length() + 1);
        int history = id.indexOf("/_history");
        String bare = history >= 0 ? id.substring(0, history) : id;
        if (!FhirIds.isId(bare)) {
            throw new InvalidRequestDataException("The draft order's " + element + " is not a valid " + type
                    + " reference");
        }
        return bare;
    }

    private void fetchAll(Map<RecordPart, String> queries, FhirQuery source, String patientId,
                          PatientRecord.Builder record, Set<RecordPart> notFound, FetchDeadline deadline) {
        // Parts the source has at hand need no thread of their own (a record unchanged since its last assessment).
        Map<String, List<Resource>> atHand = source.answersAtHand(queries.values());
        Map<RecordPart, Future<List<Resource>>> running = new EnumMap<>(RecordPart.class);
        queries.forEach((part, query) -> {
            List<Resource> answer = atHand.get(query);
            if (answer == null) {
                running.put(part, executor.submit(() -> source.run(query)));
            } else {
                keep(record, part, query, answer, patientId);
            }
        });
        for (Map.Entry<RecordPart, Future<List<Resource>>> entry : running.entrySet()) {
            RecordPart part = entry.getKey();
            Future<List<Resource>> future = entry.getValue();
            String query = queries.get(part);
            try {
                keep(record, part, query, future.get(deadline.remainingNanos(), TimeUnit.NANOSECONDS), patientId);
            } catch (TimeoutException e) {
                future.cancel(true);
                record.unavailable(part, query + ": no answer within " + budget.toMillis() + " ms");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof FhirQueryException fault && fault.isNotFound()) {
                    notFound.add(part);
                }
                record.unavailable(part, query + ": " + (cause instanceof FhirQueryException ? cause.getMessage()
                        : cause.getClass().getSimpleName() + ": " + cause.getMessage()));
            } catch (CancellationException e) {
                record.unavailable(part, query + ": cancelled");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                record.unavailable(part, query + ": interrupted");
            }
        }
    }

    private static void keep(PatientRecord.Builder record, RecordPart part, String query, List<Resource> resources,
                             String patientId) {
        String problem = PartResources.problem(part, resources, patientId);
        if (problem != null) {
            record.unavailable(part, query + " " + problem);
        } else {
            record.part(part, resources);
        }
    }
}
