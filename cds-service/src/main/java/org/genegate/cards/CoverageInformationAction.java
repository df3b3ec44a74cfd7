package org.genegate.cards;

import ca.uhn.fhir.context.FhirContext;
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
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

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

    private final FhirContext fhirContext;
    private final ProductSettings product;

    public CoverageInformationAction(FhirContext fhirContext, ProductSettings product) {
        this.fhirContext = fhirContext;
        this.product = product;
    }

    /** Empty when the patient has no active Coverage: the extension must name one. */
    public Optional<Action> build(Assessment assessment, LocalDate today) {
        return assessment.coverageDetermination().map(coverage -> {
            MedicationRequest updated = assessment.order().request().copy();
            updated.getExtension().removeIf(e -> EXTENSION_URL.equals(e.getUrl()));
            updated.addExtension(extension(coverage, documentationNeeded(assessment), today));
            return Action.update("Record coverage information for the " + product.name() + " order ("
                    + coverage.payerName() + ")", fhirContext.newJsonParser().encodeResourceToString(updated));
        });
    }

    private static Extension extension(CoverageDetermination coverage, boolean documentationNeeded, LocalDate today) {
        Extension info = new Extension(EXTENSION_URL);
        info.addExtension("coverage", new Reference(coverage.coverageReference()));
        info.addExtension("covered", new CodeType(coverage.covered()));
        if (!"not-covered".equals(coverage.covered())) {
            info.addExtension("pa-needed", new CodeType(coverage.paNeeded()));
        }
        if (documentationNeeded) {
            info.addExtension("doc-needed", new CodeType("clinical"));
            info.addExtension("doc-purpose", new CodeType("auth-needed".equals(coverage.paNeeded())
                    ? "withpa" : "withorder"));
        }
        info.addExtension("date", new DateType(java.sql.Date.valueOf(today)));
        // Unique per assertion, so a later claim or PA request can cite exactly this answer.
        info.addExtension("coverage-assertion-id", new StringType(UUID.randomUUID().toString().replace("-", "")));
        return info;
    }

    /** Clinical documentation is still needed when any gate other than payer facts did not pass with a warning or worse. */
    private static boolean documentationNeeded(Assessment assessment) {
        return assessment.findings().stream().anyMatch(f -> f.status() != GateStatus.PASS
                && !assessment.gates().inCardGroup(f.gateId(), CardGroup.PAYER_INFO)
                && (f.severity() == Severity.WARNING || f.severity() == Severity.CRITICAL));
    }
}
