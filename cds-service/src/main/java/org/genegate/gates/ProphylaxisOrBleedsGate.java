package org.genegate.gates;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.genegate.clinical.References;
import org.genegate.findings.Evidence;
import org.genegate.findings.GateFinding;
import org.genegate.policy.GateTitles;
import org.genegate.findings.GateStatus;
import org.genegate.findings.SourceClass;
import org.genegate.record.RecordPart;
import org.genegate.terminology.CodeIndex;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;

/**
 * The label's indication: current FIX prophylaxis, or a life-threatening hemorrhage, or repeated
 * serious spontaneous bleeds. Bleed history counts whatever its clinical status: it is history.
 */
public final class ProphylaxisOrBleedsGate implements Gate<ProphylaxisOrBleedsSettings> {

    public static final GateDefinition<ProphylaxisOrBleedsSettings> DEFINITION = new GateDefinition<>(
            ProphylaxisOrBleedsSettings.ID,
            new GateTitles("FIX prophylaxis or bleed history", "prophylaxis/bleeds",
                    "FIX prophylaxis or bleed history"),
            CardGroup.DOCUMENTATION, List.of(SourceClass.LABEL),
            ProphylaxisOrBleedsSettings.class, ProphylaxisOrBleedsSettings::read,
            policy -> new ProphylaxisOrBleedsGate());

    @Override
    public Set<RecordPart> reads() {
        return Set.of(RecordPart.MEDICATION_REQUESTS, RecordPart.MEDICATION_STATEMENTS, RecordPart.CONDITIONS,
                RecordPart.OBSERVATIONS);
    }

    @Override
    public GateFinding evaluate(GateInput<ProphylaxisOrBleedsSettings> in) {
        CodeIndex codes = in.codes();
        List<MedicationRequest> requests = in.record().resources(RecordPart.MEDICATION_REQUESTS, MedicationRequest.class);
        for (MedicationRequest request : requests) {
            if (request.getStatus() != MedicationRequest.MedicationRequestStatus.ACTIVE) {
                continue;
            }
            Optional<Coding> product = prophylaxisProduct(codes, request.getMedication(), request, requests);
            if (product.isPresent()) {
                return pass(in, "active FIX prophylaxis order", request, product.get());
            }
        }
        List<MedicationStatement> statements =
                in.record().resources(RecordPart.MEDICATION_STATEMENTS, MedicationStatement.class);
        for (MedicationStatement statement : statements) {
            MedicationStatement.MedicationStatementStatus status = statement.getStatus();
            if (status != MedicationStatement.MedicationStatementStatus.ACTIVE
                    && status != MedicationStatement.MedicationStatementStatus.INTENDED
                    && status != MedicationStatement.MedicationStatementStatus.COMPLETED) {
                continue;
            }
            Optional<Coding> product = prophylaxisProduct(codes, statement.getMedication(), statement, statements);
            if (product.isPresent()) {
                return pass(in, "FIX prophylaxis statement", statement, product.get());
            }
        }
        for (Condition condition : in.record().resources(RecordPart.CONDITIONS, Condition.class)) {
            if (isErroneous(condition)) {
                continue;
            }
            Optional<Coding> code = bleedOrProphylaxisCode(codes, condition.getCode());
            if (code.isPresent()) {
                return pass(in, "bleed or prophylaxis history", condition, code.get());
            }
        }
        for (Observation observation : in.record().resources(RecordPart.OBSERVATIONS, Observation.class)) {
            Observation.ObservationStatus status = observation.getStatus();
            if (status == Observation.ObservationStatus.ENTEREDINERROR
                    || status == Observation.ObservationStatus.CANCELLED) {
                continue;
            }
            Optional<Coding> code = bleedOrProphylaxisCode(codes, observation.getCode());
            if (code.isPresent()) {
                return pass(in, "bleed or prophylaxis history", observation, code.get());
            }
        }
        return in.finding(GateStatus.MISSING, "Neither current FIX prophylaxis nor a life-threatening or repeated "
                + "serious spontaneous bleed is documented; document the FIX product, dose, schedule and ABR, or the "
                + "bleed history.", List.of(), List.of());
    }

    private static GateFinding pass(GateInput<ProphylaxisOrBleedsSettings> in, String what, Resource resource,
                                    Coding code) {
        String shown = in.display(code) + " (" + code.getCode() + ")";
        return in.finding(GateStatus.PASS, "Indication documented: " + what + ", " + shown + ".",
                List.of(new Evidence(References.of(resource), what, shown, null)), List.of());
    }

    private static Optional<Coding> prophylaxisProduct(CodeIndex codes, Type medication, DomainResource owner,
                                                       List<? extends Resource> candidates) {
        if (medication instanceof CodeableConcept concept) {
            return codes.firstMatch(GeneGateTerminology.VS_FIX_PROPHYLAXIS_PRODUCTS, concept);
        }
        if (medication instanceof Reference reference) {
            return References.resolve(reference, Medication.class, owner, candidates)
                    .flatMap(m -> codes.firstMatch(GeneGateTerminology.VS_FIX_PROPHYLAXIS_PRODUCTS, m.getCode()));
        }
        return Optional.empty();
    }

    private static Optional<Coding> bleedOrProphylaxisCode(CodeIndex codes, CodeableConcept concept) {
        Optional<Coding> bleed = codes.firstMatch(GeneGateTerminology.VS_BLEED_HISTORY, concept);
        if (bleed.isPresent()) {
            return bleed;
        }
        for (Coding coding : concept.getCoding()) {
            if (GeneGateTerminology.CODE_SYSTEM.equals(coding.getSystem())
                    && GeneGateTerminology.FIX_PROPHYLAXIS_CURRENT.equals(coding.getCode())) {
                return Optional.of(coding);
            }
        }
        return Optional.empty();
    }

    /** Entered in error or refuted: not a fact about the patient. */
    private static boolean isErroneous(Condition condition) {
        if (!condition.hasVerificationStatus()) {
            return false;
        }
        for (Coding coding : condition.getVerificationStatus().getCoding()) {
            if ("entered-in-error".equals(coding.getCode()) || "refuted".equals(coding.getCode())) {
                return true;
            }
        }
        return false;
    }
}
