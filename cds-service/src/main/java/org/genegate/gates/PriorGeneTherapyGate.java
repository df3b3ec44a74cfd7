package org.genegate.gates;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.genegate.policy.PriorGeneTherapySettings;
import org.genegate.record.RecordPart;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;

/** Hemgenix is one dose per lifetime: no earlier Hemgenix or other hemophilia B gene therapy. */
public final class PriorGeneTherapyGate implements Gate<PriorGeneTherapySettings> {

    @Override
    public String id() {
        return PriorGeneTherapySettings.ID;
    }

    @Override
    public String title() {
        return "history of hemophilia B gene therapy";
    }

    @Override
    public Set<RecordPart> reads() {
        return Set.of(RecordPart.MEDICATION_ADMINISTRATIONS, RecordPart.PROCEDURES, RecordPart.MEDICATION_REQUESTS);
    }

    @Override
    public GateFinding evaluate(GateInput<PriorGeneTherapySettings> in) {
        HemgenixOrderRecognizer recognizer = new HemgenixOrderRecognizer(in.codes());
        List<String> otherNames = in.policy().otherGeneTherapyNamesLowerCase();
        List<Evidence> found = new ArrayList<>();

        List<MedicationAdministration> administrations =
                in.record().resources(RecordPart.MEDICATION_ADMINISTRATIONS, MedicationAdministration.class);
        for (MedicationAdministration administration : administrations) {
            MedicationAdministration.MedicationAdministrationStatus status = administration.getStatus();
            if (status == MedicationAdministration.MedicationAdministrationStatus.ENTEREDINERROR
                    || status == MedicationAdministration.MedicationAdministrationStatus.NOTDONE) {
                continue;
            }
            describe(administration.getMedication(), administration, administrations, recognizer, otherNames)
                    .ifPresent(what -> found.add(new Evidence(References.of(administration),
                            "gene therapy administration", what, day(administration.getEffective()))));
        }

        for (Procedure procedure : in.record().resources(RecordPart.PROCEDURES, Procedure.class)) {
            if (procedure.getStatus() != Procedure.ProcedureStatus.COMPLETED
                    && procedure.getStatus() != Procedure.ProcedureStatus.INPROGRESS) {
                continue;
            }
            describeConcept(procedure.getCode(), recognizer, otherNames)
                    .ifPresent(what -> found.add(new Evidence(References.of(procedure), "gene therapy procedure",
                            what, day(procedure.getPerformed()))));
        }

        List<MedicationRequest> requests = in.record().resources(RecordPart.MEDICATION_REQUESTS, MedicationRequest.class);
        for (MedicationRequest request : requests) {
            boolean completed = request.getStatus() == MedicationRequest.MedicationRequestStatus.COMPLETED;
            boolean otherActive = request.getStatus() == MedicationRequest.MedicationRequestStatus.ACTIVE
                    && !References.sameResource(request, in.order().request());
            if (!completed && !otherActive) {
                continue;
            }
            describe(request.getMedication(), request, requests, recognizer, otherNames)
                    .ifPresent(what -> found.add(new Evidence(References.of(request),
                            (completed ? "completed" : "active") + " gene therapy order", what,
                            FhirDates.earliestDay(request.getAuthoredOnElement()).orElse(null))));
        }

        if (found.isEmpty()) {
            return in.finding(GateStatus.PASS, "No earlier Hemgenix or other hemophilia B gene therapy is on record.",
                    List.of(), List.of());
        }
        Evidence first = found.get(0);
        return in.finding(GateStatus.FAIL, "Hemophilia B gene therapy is already on record (" + first.value()
                + (first.date() == null ? "" : ", " + first.date()) + ", " + first.reference()
                + "), and Hemgenix is given once per lifetime.", found, List.of());
    }

    /** What the medication is, when it is Hemgenix or another hemophilia B gene therapy. */
    private static Optional<String> describe(Type medication, DomainResource owner,
                                             List<? extends Resource> candidates, HemgenixOrderRecognizer recognizer,
                                             List<String> otherNames) {
        if (recognizer.recognizeMedication(medication, owner, candidates).isPresent()) {
            return Optional.of("Hemgenix");
        }
        List<String> texts = new ArrayList<>();
        if (medication instanceof CodeableConcept concept) {
            collectTexts(concept, texts);
        } else if (medication instanceof Reference reference) {
            texts.add(reference.getDisplay());
            References.resolve(reference, Medication.class, owner, candidates)
                    .ifPresent(m -> collectTexts(m.getCode(), texts));
        }
        return otherGeneTherapy(texts, otherNames);
    }

    private static Optional<String> describeConcept(CodeableConcept concept, HemgenixOrderRecognizer recognizer,
                                                    List<String> otherNames) {
        if (recognizer.recognizeConcept(concept).isPresent()) {
            return Optional.of("Hemgenix");
        }
        List<String> texts = new ArrayList<>();
        collectTexts(concept, texts);
        return otherGeneTherapy(texts, otherNames);
    }

    private static Optional<String> otherGeneTherapy(List<String> texts, List<String> otherNames) {
        for (String text : texts) {
            if (HemgenixOrderRecognizer.containsAny(text, otherNames)) {
                return Optional.of(text);
            }
        }
        return Optional.empty();
    }

    private static void collectTexts(CodeableConcept concept, List<String> texts) {
        texts.add(concept.getText());
        for (Coding coding : concept.getCoding()) {
            texts.add(coding.getDisplay());
        }
    }

    private static LocalDate day(Type effective) {
        if (effective instanceof BaseDateTimeType dateTime) {
            return FhirDates.earliestDay(dateTime).orElse(null);
        }
        if (effective instanceof Period period) {
            return FhirDates.earliestDay(period.getStartElement()).orElse(null);
        }
        return null;
    }
}
