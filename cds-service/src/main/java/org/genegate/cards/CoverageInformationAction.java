package org.genegate.cards;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.genegate.cdshooks.Action;
import org.genegate.findings.GateStatus;
import org.genegate.findings.Severity;
import org.genegate.gates.Assessment;
import org.genegate.gates.CardGroup;
import org.genegate.gates.CoverageDetermination;
import org.genegate.policy.ProductSettings;

/**
 * The Da Vinci CRD coverage-information system action for order-sign: an update of the whole draft
 * MedicationRequest carrying {@code ext-coverage-information} (CRD 2.0.1), so the EHR records what the
 * payer needs with the order itself.
 */
public final class CoverageInformationAction {

    /** The CRD card type the action belongs to: {@code coverage-info: false} in the configuration turns it off. */
    public static final String CARD_TYPE = "coverage-info";

    public static final String EXTENSION_URL =
            "http://hl7.org/fhir/us/davinci-crd/StructureDefinition/ext-coverage-information";

    // Decimals stay as written (1.50 is not 1.5).
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true)).build();

    private final FhirContext fhirContext;
    private final ProductSettings product;

    public CoverageInformationAction(FhirContext fhirContext, ProductSettings product) {
        this.fhirContext = fhirContext;
        this.product = product;
    }

    /** Whether {@link #build} makes an action for this assessment: only with an active Coverage to name. */
    public boolean appliesTo(Assessment assessment) {
        return assessment.coverageDetermination().isPresent();
    }

    /**
     * Empty when the patient has no active Coverage: the extension must name one.
     *
     * @param sentOrder the order's JSON exactly as the client sent it, handed back with only the extension changed
     *                  (no second encoding of the order); null when the order came without JSON of its own, then
     *                  HAPI's encoding of the order read is the starting point
     */
    public Optional<Action> build(Assessment assessment, JsonNode sentOrder, LocalDate today) {
        return assessment.coverageDetermination().map(coverage -> {
            ObjectNode updated = sentOrder instanceof ObjectNode sent ? sent.deepCopy() : encoded(assessment);
            ArrayNode extensions = JSON.createArrayNode();
            for (JsonNode existing : updated.path("extension")) {
                // A stale assertion from an earlier call is replaced, never kept beside the new one.
                if (!EXTENSION_URL.equals(existing.path("url").asText())) {
                    extensions.add(existing);
                }
            }
            extensions.add(extension(coverage, documentationNeeded(assessment), today));
            updated.set("extension", extensions);
            return Action.update("Record coverage information for the " + product.name() + " order ("
                    + coverage.payerName() + ")", updated.toString());
        });
    }

    private ObjectNode encoded(Assessment assessment) {
        try {
            return (ObjectNode) JSON.readTree(fhirContext.newJsonParser().encodeResourceToString(
                    assessment.order().request()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("HAPI's JSON encoding could not be read back", e);
        }
    }

    private static ObjectNode extension(CoverageDetermination coverage, boolean documentationNeeded, LocalDate today) {
        ObjectNode info = JSON.createObjectNode().put("url", EXTENSION_URL);
        ArrayNode parts = info.putArray("extension");
        parts.addObject().put("url", "coverage").putObject("valueReference")
                .put("reference", coverage.coverageReference());
        parts.addObject().put("url", "covered").put("valueCode", coverage.covered());
        if (!"not-covered".equals(coverage.covered())) {
            parts.addObject().put("url", "pa-needed").put("valueCode", coverage.paNeeded());
        }
        if (documentationNeeded) {
            parts.addObject().put("url", "doc-needed").put("valueCode", "clinical");
            parts.addObject().put("url", "doc-purpose").put("valueCode", "auth-needed".equals(coverage.paNeeded())
                    ? "withpa" : "withorder");
        }
        parts.addObject().put("url", "date").put("valueDate", today.toString());
        // Unique per assertion, so a later claim or PA request can cite exactly this answer.
        parts.addObject().put("url", "coverage-assertion-id")
                .put("valueString", UUID.randomUUID().toString().replace("-", ""));
        return info;
    }

    /** Clinical documentation is still needed when any gate other than payer facts did not pass with a warning or worse. */
    private static boolean documentationNeeded(Assessment assessment) {
        return assessment.findings().stream().anyMatch(f -> f.status() != GateStatus.PASS
                && !assessment.gates().inCardGroup(f.gateId(), CardGroup.PAYER_INFO)
                && (f.severity() == Severity.WARNING || f.severity() == Severity.CRITICAL));
    }
}
