package org.genegate.fetch;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IJsonLikeParser;
import ca.uhn.fhir.parser.json.jackson.JacksonStructure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.hl7.fhir.r4.model.Resource;

/**
 * Parses FHIR resources held in an already-read JSON tree, straight from the tree (no second pass over text); the
 * tree keeps decimals exact, as HAPI's own reader does. Anything that is not a valid R4 resource is an
 * {@link InvalidRequestDataException}.
 */
public final class ResourceTreeParser {

    private final FhirContext fhirContext;

    public ResourceTreeParser(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    /** A resource read leniently, with what the reading repaired or dropped (empty when it was exact FHIR). */
    public record Lenient(Resource resource, List<String> problems) {

        public Lenient {
            problems = List.copyOf(problems);
        }
    }

    /**
     * A record resource (prefetch, a Medication). Narratives ({@code text.div}) of the resource, its Bundle entries
     * and contained resources are removed first: they are for people, no gate reads them, and HAPI's XHTML reader
     * costs more per narrative than the rest of a resource. The node is changed.
     */
    public Resource parseRecordResource(JsonNode node, String where) {
        if (node instanceof ObjectNode resource) {
            dropNarratives(resource);
        }
        return parse(node, where, null);
    }

    /** A resource as sent (draft orders keep their narratives: they are handed back), noting what was repaired. */
    public Lenient parseLeniently(JsonNode node, String where) {
        LenientReadProblems problems = new LenientReadProblems();
        Resource resource = parse(node, where, problems);
        return new Lenient(resource, problems.problems());
    }

    private static void dropNarratives(ObjectNode resource) {
        JsonNode text = resource.get("text");
        if (text != null && text.isObject() && text.has("div")) {
            resource.remove("text");
        }
        for (JsonNode entry : resource.path("entry")) {
            if (entry.get("resource") instanceof ObjectNode entryResource) {
                dropNarratives(entryResource);
            }
        }
        for (JsonNode contained : resource.path("contained")) {
            if (contained instanceof ObjectNode containedResource) {
                dropNarratives(containedResource);
            }
        }
    }

    private Resource parse(JsonNode node, String where, LenientReadProblems problems) {
        if (!node.isObject()) {
            throw new InvalidRequestDataException(where + " must be a FHIR resource (a JSON object)");
        }
        JacksonStructure json = new JacksonStructure();
        json.setNativeObject((ObjectNode) node);
        try {
            IJsonLikeParser parser = (IJsonLikeParser) fhirContext.newJsonParser();
            if (problems != null) {
                parser.setParserErrorHandler(problems);
            }
            return (Resource) parser.parseResource(json);
        } catch (DataFormatException | ClassCastException e) {
            throw new InvalidRequestDataException(where + " is not a valid FHIR R4 resource: " + e.getMessage());
        }
    }
}
