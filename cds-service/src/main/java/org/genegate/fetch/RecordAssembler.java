package org.genegate.fetch;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.genegate.hooks.HookContext;
import org.genegate.hooks.HookRequest;
import org.genegate.hooks.HookRequestException;
import org.genegate.record.PatientRecord;
import org.genegate.record.RecordPart;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Builds the patient's record for one hook call: prefetch first; every part the EHR did not prefetch
 * (key absent, or an OperationOutcome in its place) is fetched from {@code source}, all parts in
 * parallel under one total time budget. A part that cannot be had is marked unavailable with the
 * reason, so its gates report "could not verify"; JSON {@code null} in prefetch means "no data".
 */
public final class RecordAssembler {

    private final FhirContext fhirContext;
    private final PrefetchTemplates templates;
    private final ExecutorService executor;
    private final Duration budget;

    public RecordAssembler(FhirContext fhirContext, PrefetchTemplates templates, ExecutorService executor,
                           Duration budget) {
        this.fhirContext = fhirContext;
        this.templates = templates;
        this.executor = executor;
        this.budget = budget;
    }

    /**
     * @param source where to fetch what prefetch lacks; null when there is nowhere to ask (then a part
     *               that is needed and not prefetched fails the call with 412)
     */
    public PatientRecord assemble(HookRequest request, MedicationRequest order, FhirQuery source) {
        return assemble(request, order, source, EnumSet.allOf(RecordPart.class));
    }

    /** A hook call's record, limited to {@code parts}; 412 when nobody can say who the patient is. */
    public PatientRecord assemble(HookRequest request, MedicationRequest order, FhirQuery source,
                                  Set<RecordPart> parts) {
        PatientRecord assembled = assemble(request.context(), request.prefetch(), order, source, parts);
        String patientProblem = assembled.unavailableParts().get(RecordPart.PATIENT);
        if (parts.contains(RecordPart.PATIENT) && patientProblem != null && !request.hasFhirServer()) {
            // The request gave neither the patient nor a server to ask; this server's own store was the last
            // resort and does not know the patient, so every gate would be guesswork.
            throw HookRequestException.preconditionFailed("The request prefetches no patient and names no "
                    + "fhirServer, and this server's store cannot give it: " + patientProblem);
        }
        return assembled;
    }

    /**
     * The record of the context's patient, limited to {@code parts} (the others are marked unavailable, so a
     * gate reading one could never pass on it).
     *
     * @param prefetch key → prefetched JSON, as in a hook request (empty: fetch everything)
     * @param order    the order whose encounter and requester name the encounter and prescriber parts; null
     *                 when there is none (then only the context names them)
     */
    public PatientRecord assemble(HookContext context, Map<String, JsonNode> prefetch, MedicationRequest order,
                                  FhirQuery source, Set<RecordPart> parts) {
        PatientRecord.Builder record = PatientRecord.builder();
        Map<RecordPart, String> toFetch = new EnumMap<>(RecordPart.class);
        String patientId = context.patientId();
        for (RecordPart part : RecordPart.values()) {
            if (!parts.contains(part)) {
                record.unavailable(part, "not read by this service");
                continue;
            }
            String key = templates.key(part);
            JsonNode prefetched = prefetch.get(key);
            List<Resource> resources = prefetched == null ? null : readPrefetched(key, prefetched);
            if (resources != null) {
                String problem = PartResources.problem(part, resources, patientId);
                if (problem != null) {
                    throw HookRequestException.invalid("prefetch." + key + " " + problem);
                }
                record.part(part, resources);
                continue;
            }
            String query = resolve(part, context, order);
            if (query == null) {
                // Nothing to ask for (e.g. no encounter in context or order): the part has no data.
                record.part(part, List.of());
            } else {
                toFetch.put(part, query);
            }
        }
        if (!toFetch.isEmpty()) {
            if (source == null) {
                List<String> keys = toFetch.keySet().stream().map(templates::key).toList();
                throw HookRequestException.preconditionFailed("Prefetch lacks " + keys
                        + " and the request names no fhirServer to fetch them from");
            }
            fetchAll(toFetch, source, patientId, record);
        }
        return record.build();
    }

    /** The prefetched resources, or null when the key must be fetched (an OperationOutcome stands in its place). */
    private List<Resource> readPrefetched(String key, JsonNode value) {
        if (value.isNull()) {
            return List.of();
        }
        Resource resource;
        try {
            resource = (Resource) fhirContext.newJsonParser().parseResource(value.toString());
        } catch (DataFormatException | ClassCastException e) {
            throw HookRequestException.invalid("prefetch." + key + " is not a valid FHIR R4 resource: "
                    + e.getMessage());
        }
        if (resource instanceof OperationOutcome) {
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

    private String resolve(RecordPart part, HookContext context, MedicationRequest order) {
        String template = templates.template(part);
        String query = template.replace(PrefetchTemplates.PATIENT_TOKEN, context.patientId());
        if (query.contains(PrefetchTemplates.ENCOUNTER_TOKEN)) {
            String encounterId = context.encounterId() != null ? context.encounterId()
                    : order == null ? null : idOf(order.getEncounter(), "Encounter");
            if (encounterId == null) {
                return null;
            }
            query = query.replace(PrefetchTemplates.ENCOUNTER_TOKEN, encounterId);
        }
        if (query.contains(PrefetchTemplates.PRACTITIONER_TOKEN)) {
            // The order's requester is who the prescriber gate judges; fall back to the signing user.
            Reference requester = order == null ? null : order.getRequester();
            String roleId = idOf(requester, "PractitionerRole");
            if (roleId != null) {
                return "PractitionerRole?_id=" + roleId;
            }
            String practitionerId = idOf(requester, "Practitioner");
            if (practitionerId == null) {
                practitionerId = context.userPractitionerId();
            }
            if (practitionerId == null) {
                return null;
            }
            query = query.replace(PrefetchTemplates.PRACTITIONER_TOKEN, practitionerId);
        }
        return query;
    }

    private static String idOf(Reference reference, String type) {
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
        return history >= 0 ? id.substring(0, history) : id;
    }

    private void fetchAll(Map<RecordPart, String> queries, FhirQuery source, String patientId,
                          PatientRecord.Builder record) {
        Map<RecordPart, Future<List<Resource>>> running = new EnumMap<>(RecordPart.class);
        queries.forEach((part, query) -> running.put(part, executor.submit(() -> source.run(query))));
        long deadline = System.nanoTime() + budget.toNanos();
        for (Map.Entry<RecordPart, Future<List<Resource>>> entry : running.entrySet()) {
            RecordPart part = entry.getKey();
            Future<List<Resource>> future = entry.getValue();
            String query = queries.get(part);
            try {
                List<Resource> resources = future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                String problem = PartResources.problem(part, resources, patientId);
                if (problem != null) {
                    record.unavailable(part, query + " " + problem);
                } else {
                    record.part(part, resources);
                }
            } catch (TimeoutException e) {
                future.cancel(true);
                record.unavailable(part, query + ": no answer within " + budget.toMillis() + " ms");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
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
}
