package org.genegate.gates;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.genegate.clinical.FhirDates;
import org.genegate.clinical.References;
import org.genegate.findings.Evidence;
import org.genegate.findings.GateFinding;
import org.genegate.policy.GateTitles;
import org.genegate.findings.GateStatus;
import org.genegate.findings.SourceClass;
import org.genegate.orders.ProductRecognizer;
import org.genegate.record.RecordPart;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;

/**
 * Hemgenix is given once (EU SmPC 4.2; payers: one dose total): a completed administration, procedure or
 * statement of Hemgenix or another hemophilia B gene therapy, or a completed order for one, is a prior dose.
 * Another open (active, on-hold or draft) Hemgenix order is not a dose: it is a duplicate order, a warning.
 */
public final class PriorGeneTherapyGate implements Gate<PriorGeneTherapySettings> {

    public static final GateDefinition<PriorGeneTherapySettings> DEFINITION = new GateDefinition<>(
            PriorGeneTherapySettings.ID,
            new GateTitles("Prior gene therapy", "prior hemophilia B gene therapy",
                    "history of hemophilia B gene therapy"),
            CardGroup.DOCUMENTATION, List.of(SourceClass.SMPC, SourceClass.PAYER),
            PriorGeneTherapySettings.class, PriorGeneTherapySettings::read, policy -> new PriorGeneTherapyGate());

    @Override
    public Set<RecordPart> reads() {
        return Set.of(RecordPart.MEDICATION_ADMINISTRATIONS, RecordPart.PROCEDURES, RecordPart.MEDICATION_REQUESTS,
                RecordPart.MEDICATION_STATEMENTS);
    }

    @Override
    public GateFinding evaluate(GateInput<PriorGeneTherapySettings> in) {
        ProductRecognizer recognizer = new ProductRecognizer(in.codes(), in.product());
        List<String> otherNames = in.policy().otherGeneTherapyNamesLowerCase();
        String product = in.product().name();
        List<Evidence> given = new ArrayList<>();
        List<Evidence> openOrders = new ArrayList<>();

        List<MedicationAdministration> administrations =
                in.record().resources(RecordPart.MEDICATION_ADMINISTRATIONS, MedicationAdministration.class);
        for (MedicationAdministration administration : administrations) {
            if (administration.getStatus() != MedicationAdministration.MedicationAdministrationStatus.COMPLETED) {
                continue;
            }
            describe(administration.getMedication(), administration, administrations, recognizer, otherNames, product)
                    .ifPresent(what -> given.add(new Evidence(References.of(administration),
                            "completed gene therapy administration", what, day(administration.getEffective()))));
        }

        for (Procedure procedure : in.record().resources(RecordPart.PROCEDURES, Procedure.class)) {
            if (procedure.getStatus() != Procedure.ProcedureStatus.COMPLETED) {
                continue;
            }
            describeConcept(procedure.getCode(), recognizer, otherNames, product)
                    .ifPresent(what -> given.add(new Evidence(References.of(procedure),
                            "completed gene therapy procedure", what, day(procedure.getPerformed()))));
        }

        List<MedicationStatement> statements =
                in.record().resources(RecordPart.MEDICATION_STATEMENTS, MedicationStatement.class);
        for (MedicationStatement statement : statements) {
            if (statement.getStatus() != MedicationStatement.MedicationStatementStatus.COMPLETED) {
                continue;
            }
            describe(statement.getMedication(), statement, statements, recognizer, otherNames, product)
                    .ifPresent(what -> given.add(new Evidence(References.of(statement),
                            "completed gene therapy statement", what, day(statement.getEffective()))));
        }

        List<MedicationRequest> requests = in.record().resources(RecordPart.MEDICATION_REQUESTS, MedicationRequest.class);
        for (MedicationRequest request : requests) {
            MedicationRequest.MedicationRequestStatus status = request.getStatus();
            boolean completed = status == MedicationRequest.MedicationRequestStatus.COMPLETED;
            boolean open = OPEN.contains(status) && !References.sameResource(request, in.order().request());
            if (!completed && !open) {
                continue;
            }
            LocalDate authored = FhirDates.earliestDay(request.getAuthoredOnElement()).orElse(null);
            describe(request.getMedication(), request, requests, recognizer, otherNames, product).ifPresent(what -> {
                if (completed) {
                    given.add(new Evidence(References.of(request), "completed gene therapy order", what, authored));
                } else if (product.equals(what)) {
                    openOrders.add(new Evidence(References.of(request), status.toCode() + " " + product
                            + " order", what,
                            authored));
                }
            });
        }

        if (!given.isEmpty()) {
            Evidence first = given.get(0);
            return in.finding(GateStatus.FAIL, "Hemophilia B gene therapy has already been given (" + first.value()
                    + (first.date() == null ? "" : ", " + first.date()) + ", " + first.reference() + "): the EU SmPC "
                    + "4.2 says " + product + " can be administered only once, and payers cover one dose in total.",
                    given, List.of());
        }
        if (!openOrders.isEmpty()) {
            Evidence first = openOrders.get(0);
            return in.finding(GateStatus.FAIL, in.policy().duplicateOrderSeverity(), List.of(SourceClass.TEAM_DEFAULT),
                    "Another " + product + " order is already open (" + first.what() + ", " + first.reference()
                    + (first.date() == null ? "" : ", " + first.date()) + "); no dose is recorded as given, so this "
                    + "is a duplicate order: cancel one of them.", openOrders, List.of());
        }
        return in.finding(GateStatus.PASS, "No earlier " + product
                + " or other " + in.policy().otherGeneTherapies() + " is on record.",
                List.of(), List.of());
    }

    /** Orders that may still lead to a dose: a second one of these is a duplicate, not a dose given. */
    private static final Set<MedicationRequest.MedicationRequestStatus> OPEN = Set.of(
            MedicationRequest.MedicationRequestStatus.ACTIVE, MedicationRequest.MedicationRequestStatus.ONHOLD,
            MedicationRequest.MedicationRequestStatus.DRAFT);

    /** What the medication is, when it is the product (its name) or another hemophilia B gene therapy. */
    private static Optional<String> describe(Type medication, DomainResource owner,
                                             List<? extends Resource> candidates, ProductRecognizer recognizer,
                                             List<String> otherNames, String product) {
        if (recognizer.recognizeMedication(medication, owner, candidates).isPresent()) {
            return Optional.of(product);
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

    private static Optional<String> describeConcept(CodeableConcept concept, ProductRecognizer recognizer,
                                                    List<String> otherNames, String product) {
        if (recognizer.recognizeConcept(concept).isPresent()) {
            return Optional.of(product);
        }
        List<String> texts = new ArrayList<>();
        collectTexts(concept, texts);
        return otherGeneTherapy(texts, otherNames);
    }

    private static Optional<String> otherGeneTherapy(List<String> texts, List<String> otherNames) {
        for (String text : texts) {
            if (ProductRecognizer.containsAny(text, otherNames)) {
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
