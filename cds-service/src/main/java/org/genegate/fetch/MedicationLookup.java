package org.genegate.fetch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Finds the Medication a draft order's {@code medicationReference} names when the draft orders do not hold it:
 * among the prefetched resources (any key, a Medication or Bundle entries), else by reading it from the FHIR
 * server the record comes from (the EHR's {@code fhirServer} with its bearer token, or this server's store)
 * within the fetch budget. When it cannot be had, says why, so the order gets a "could not verify" card.
 */
public final class MedicationLookup {

    private final ResourceTreeParser parser;
    private final ExecutorService executor;

    public MedicationLookup(ResourceTreeParser parser, ExecutorService executor) {
        this.parser = parser;
        this.executor = executor;
    }

    /** The Medication, or why it could not be had. */
    public record Found(Medication medication, String problem) {
    }

    /** Every Medication in prefetch: a value that is one, or the Medication entries of a Bundle value. */
    public List<Medication> prefetched(Map<String, JsonNode> prefetch) {
        List<Medication> medications = new ArrayList<>();
        prefetch.forEach((key, value) -> {
            if (isMedication(value)) {
                parsed(value, "prefetch." + key, medications);
            }
            int i = 0;
            for (JsonNode entry : value.path("entry")) {
                JsonNode resource = entry.path("resource");
                if (isMedication(resource)) {
                    parsed(resource, "prefetch." + key + ".entry[" + i + "].resource", medications);
                }
                i++;
            }
        });
        return medications;
    }

    /**
     * Reads the referenced Medication from {@code source}.
     *
     * @param fhirServer the request's fhirServer, to read an absolute reference on it; null when there is none
     * @param source     where the record is read (null: nowhere to ask)
     * @param deadline   shared with the rest of the call's fetching
     */
    public Found fetch(Reference reference, String fhirServer, FhirQuery source, FetchDeadline deadline) {
        String value = reference.getReference();
        if (value == null || value.isBlank()) {
            return new Found(null, "the reference has no target (only a display or an identifier)");
        }
        if (value.startsWith("#")) {
            return new Found(null, "the order contains no Medication with id " + value.substring(1));
        }
        String relative = relativeTo(value, fhirServer);
        if (relative == null) {
            return new Found(null, "it is on another server than the request's fhirServer, and the EHR's token is "
                    + "not sent elsewhere");
        }
        IdType id = new IdType(relative);
        if (!"Medication".equals(id.getResourceType()) || !FhirIds.isId(id.getIdPart())) {
            return new Found(null, "it is not a reference to a Medication");
        }
        if (source == null) {
            return new Found(null, "it is not in the request, and the request names no fhirServer to read it from");
        }
        String query = "Medication/" + id.getIdPart();
        Future<List<Resource>> read = executor.submit(() -> source.run(query));
        try {
            for (Resource resource : read.get(deadline.remainingNanos(), TimeUnit.NANOSECONDS)) {
                if (resource instanceof Medication medication) {
                    return new Found(medication, null);
                }
            }
            return new Found(null, "reading " + query + " gave no Medication");
        } catch (TimeoutException e) {
            read.cancel(true);
            return new Found(null, "reading " + query + " gave no answer within "
                    + deadline.budget().toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return new Found(null, "reading " + query + " failed: " + (cause instanceof FhirQueryException
                    ? cause.getMessage() : cause.getClass().getSimpleName()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Found(null, "reading " + query + " was interrupted");
        }
    }

    /** An unreadable Medication in prefetch is as good as absent: the lookup goes on to the server. */
    private void parsed(JsonNode node, String where, List<Medication> medications) {
        try {
            medications.add((Medication) parser.parseRecordResource(node.deepCopy(), where));
        } catch (InvalidRequestDataException | ClassCastException unreadable) {
            // left out
        }
    }

    /** "Medication/1" as is; an absolute URL under fhirServer made relative to it; null for another server. */
    private static String relativeTo(String reference, String fhirServer) {
        if (!reference.contains("://")) {
            return reference;
        }
        if (fhirServer == null) {
            return null;
        }
        String base = fhirServer.endsWith("/") ? fhirServer : fhirServer + "/";
        return reference.startsWith(base) ? reference.substring(base.length()) : null;
    }

    private static boolean isMedication(JsonNode node) {
        return node != null && node.isObject() && "Medication".equals(node.path("resourceType").asText());
    }
}
