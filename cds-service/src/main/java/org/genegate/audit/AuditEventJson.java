package org.genegate.audit;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * FHIR JSON of the audit events the audit trail stores and sends, written from the model's own child lists
 * ({@link Base#children()}, generated code) instead of HAPI's reflective encoder, which cost as much CPU per event
 * as storing it. The output is the JSON HAPI writes (the tests compare both on every resource of the scenario
 * records and on the events each producer makes). What this writer does not handle (contained resources,
 * primitives or narratives carrying an id or extensions) is left to HAPI's encoder, so nothing is ever dropped.
 */
public final class AuditEventJson {

    /** Decimals kept exactly as written. */
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private final FhirContext fhirContext;

    public AuditEventJson(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    /** The resource as FHIR JSON. */
    public String encode(Resource resource) {
        try {
            return resourceNode(resource).toString();
        } catch (NotWritableHere e) {
            return fhirContext.newJsonParser().encodeResourceToString(resource);
        }
    }

    /** Thrown for an element this writer leaves to HAPI. */
    private static final class NotWritableHere extends RuntimeException {

        NotWritableHere() {
            super(null, null, false, false);
        }
    }

    private static ObjectNode resourceNode(Resource resource) {
        if (resource instanceof DomainResource domain && domain.hasContained()) {
            throw new NotWritableHere();
        }
        ObjectNode node = NODES.objectNode();
        node.put("resourceType", resource.fhirType());
        if (resource.getIdElement().hasIdPart()) {
            node.put("id", resource.getIdElement().getIdPart());
        }
        Meta meta = resource.getMeta();
        if (resource.getIdElement().hasVersionIdPart() && !meta.hasVersionId()) {
            // HAPI writes the id's version as meta.versionId.
            meta = meta.copy().setVersionId(resource.getIdElement().getVersionIdPart());
        }
        for (Property child : resource.children()) {
            switch (child.getName()) {
                case "id" -> {
                }
                case "meta" -> {
                    JsonNode metaNode = compositeNode(meta);
                    if (metaNode != null) {
                        node.set("meta", metaNode);
                    }
                }
                default -> addProperty(node, child);
            }
        }
        return node;
    }

    /** Adds the property's values under its JSON name (choice types named by their value's type); none: nothing. */
    private static void addProperty(ObjectNode parent, Property child) {
        List<Base> values = child.getValues();
        if (values.isEmpty()) {
            return;
        }
        String name = child.getName();
        if (child.isList()) {
            ArrayNode array = null;
            for (Base value : values) {
                JsonNode node = value == null ? null : valueNode(value);
                if (node != null) {
                    if (array == null) {
                        array = parent.putArray(name);
                    }
                    array.add(node);
                }
            }
            return;
        }
        Base value = values.get(0);
        JsonNode node = value == null ? null : valueNode(value);
        if (node == null) {
            return;
        }
        if (name.endsWith("[x]")) {
            String type = value.fhirType();
            name = name.substring(0, name.length() - 3) + Character.toUpperCase(type.charAt(0)) + type.substring(1);
        }
        parent.set(name, node);
    }

    /** The value's JSON, or null when it is empty (HAPI writes no empty element). */
    private static JsonNode valueNode(Base value) {
        if (value instanceof PrimitiveType<?> primitive) {
            return primitiveNode(primitive);
        }
        if (value instanceof Resource resource) {
            return resourceNode(resource);
        }
        return compositeNode(value);
    }

    private static JsonNode primitiveNode(PrimitiveType<?> primitive) {
        if (primitive.hasExtension() || primitive.getId() != null) {
            throw new NotWritableHere();
        }
        if (!primitive.hasValue()) {
            return null;
        }
        if (primitive instanceof BooleanType bool) {
            return NODES.booleanNode(bool.booleanValue());
        }
        if (primitive instanceof IntegerType integer) {
            return NODES.numberNode(integer.getValue());
        }
        if (primitive instanceof DecimalType decimal) {
            // As written, so 1.50 stays 1.50.
            return NODES.numberNode(new BigDecimal(decimal.getValueAsString()));
        }
        return NODES.textNode(primitive.getValueAsString());
    }

    /** The model lists no child for the XHTML, so a narrative is written here: status and div as markup. */
    private static JsonNode narrativeNode(Narrative narrative) {
        if (narrative.hasExtension() || narrative.getId() != null || narrative.getStatusElement().hasExtension()) {
            throw new NotWritableHere();
        }
        ObjectNode node = NODES.objectNode();
        if (narrative.hasStatus()) {
            node.put("status", narrative.getStatus().toCode());
        }
        if (narrative.hasDiv()) {
            node.put("div", narrative.getDiv().getValueAsString());
        }
        return node.isEmpty() ? null : node;
    }

    private static JsonNode compositeNode(Base composite) {
        if (composite instanceof Narrative narrative) {
            return narrativeNode(narrative);
        }
        if (composite instanceof Reference reference && reference.getResource() != null
                && !reference.hasReference()) {
            // A reference only to a resource object, which HAPI would contain or name by its id.
            throw new NotWritableHere();
        }
        ObjectNode node = NODES.objectNode();
        for (Property child : composite.children()) {
            addProperty(node, child);
        }
        return node.isEmpty() ? null : node;
    }
}
