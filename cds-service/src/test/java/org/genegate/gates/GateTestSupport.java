package org.genegate.gates;

import ca.uhn.fhir.context.FhirContext;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.genegate.orders.DraftOrder;
import org.genegate.orders.ProductRecognizer;
import org.genegate.orders.ProductRecognition;
import org.genegate.policy.GateSettings;
import org.genegate.policy.Policy;
import org.genegate.policy.PolicyLoader;
import org.genegate.record.PatientRecord;
import org.genegate.record.RecordPart;
import org.genegate.terminology.CodeIndex;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Ratio;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;

/** Small builders for gate tests: records, draft orders and lab results, without JSON files. */
final class GateTestSupport {

    static final CodeIndex CODES = CodeIndex.load(FhirContext.forR4Cached());
    static final Policy POLICY = PolicyLoader.loadDefault(Gates.ALL);
    /** The gates the shipped Hemgenix policy runs, in its order. */
    static final List<String> HEMGENIX_GATES = List.of("age", "prior-gene-therapy", "fix-inhibitor", "nab-aav5",
            "diagnosis", "fix-activity", "prophylaxis-or-bleeds", "infections", "baseline-liver", "monitoring-plan",
            "weight-and-dose", "site-of-care", "prescriber", "coding", "payer", "order-notes", "liver-surveillance");
    /** Every test orders on this date unless it says otherwise. */
    static final LocalDate ORDER_DATE = LocalDate.of(2026, 11, 15);
    static final String LOINC = GeneGateTerminology.LOINC;
    static final String UCUM = GeneGateTerminology.UCUM;
    static final String SNOMED = GeneGateTerminology.SNOMED;
    /** Gives every test Observation its own id. */
    private static final int[] COUNTER = {1};

    private GateTestSupport() {
    }

    /** A record whose parts are all available and empty except those given. */
    static RecordBuilder record() {
        return new RecordBuilder();
    }

    static final class RecordBuilder {
        private final Map<RecordPart, List<Resource>> parts = new EnumMap<>(RecordPart.class);
        private final Map<RecordPart, String> unavailable = new EnumMap<>(RecordPart.class);

        RecordBuilder() {
            for (RecordPart part : RecordPart.values()) {
                parts.put(part, new ArrayList<>());
            }
        }

        RecordBuilder with(RecordPart part, Resource... resources) {
            parts.get(part).addAll(List.of(resources));
            return this;
        }

        RecordBuilder observations(Observation... observations) {
            return with(RecordPart.OBSERVATIONS, observations);
        }

        RecordBuilder unavailable(RecordPart part, String reason) {
            unavailable.put(part, reason);
            return this;
        }

        PatientRecord build() {
            PatientRecord.Builder builder = PatientRecord.builder();
            parts.forEach((part, resources) -> {
                if (!unavailable.containsKey(part)) {
                    builder.part(part, resources);
                }
            });
            unavailable.forEach(builder::unavailable);
            return builder.build();
        }
    }

    /** A draft Hemgenix order coded J1411, authored on the order date, without a dose. */
    static MedicationRequest hemgenixRequest() {
        MedicationRequest request = new MedicationRequest();
        request.setId("draft-1");
        request.setStatus(MedicationRequest.MedicationRequestStatus.DRAFT);
        request.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        request.setMedication(new CodeableConcept(new Coding(GeneGateTerminology.HCPCS, "J1411", null))
                .setText("Hemgenix (etranacogene dezaparvovec-drlb)"));
        request.setAuthoredOnElement(new DateTimeType(ORDER_DATE.toString()));
        return request;
    }

    static DraftOrder order(MedicationRequest request, Resource... otherOrders) {
        ProductRecognition recognition = new ProductRecognizer(CODES, POLICY.product()).recognize(request, List.of(otherOrders))
                .orElseThrow(() -> new AssertionError("test order is not recognised as Hemgenix"));
        return DraftOrder.of(request, recognition, List.of(otherOrders), ORDER_DATE);
    }

    static DraftOrder order() {
        return order(hemgenixRequest());
    }

    /** A draft order with a dose quantity. */
    static MedicationRequest withDose(MedicationRequest request, String value, String unit, String code) {
        Quantity dose = new Quantity().setValue(new BigDecimal(value)).setUnit(unit);
        if (code != null) {
            dose.setSystem(UCUM).setCode(code);
        }
        request.addDosageInstruction(new Dosage().addDoseAndRate(new Dosage.DosageDoseAndRateComponent().setDose(dose)));
        return request;
    }

    static <S extends GateSettings> GateInput<S> input(PatientRecord record, DraftOrder order, S settings) {
        return new GateInput<>(record, order, CODES, settings, POLICY.product());
    }

    /** A final lab result with this code, effective the given number of days before the order date. */
    static Observation lab(String system, String code, int daysBeforeOrder) {
        Observation observation = new Observation();
        observation.setId(code + "-" + daysBeforeOrder + "-" + COUNTER[0]++);
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.setCode(new CodeableConcept(new Coding(system, code, null)));
        observation.setEffective(new DateTimeType(ORDER_DATE.minusDays(daysBeforeOrder).toString()));
        return observation;
    }

    static Observation loinc(String code, int daysBeforeOrder) {
        return lab(LOINC, code, daysBeforeOrder);
    }

    static Observation quantity(Observation observation, String value, String unit, String ucumCode) {
        Quantity quantity = new Quantity().setValue(new BigDecimal(value)).setUnit(unit);
        if (ucumCode != null) {
            quantity.setSystem(UCUM).setCode(ucumCode);
        }
        observation.setValue(quantity);
        return observation;
    }

    static Observation text(Observation observation, String value) {
        observation.setValue(new StringType(value));
        return observation;
    }

    static Observation ratio(Observation observation, String numerator, String denominator) {
        observation.setValue(new Ratio().setNumerator(new Quantity().setValue(new BigDecimal(numerator)))
                .setDenominator(new Quantity().setValue(new BigDecimal(denominator))));
        return observation;
    }

    static Observation snomedValue(Observation observation, String code, String display) {
        observation.setValue(new CodeableConcept(new Coding(SNOMED, code, display)));
        return observation;
    }

    static Observation interpretation(Observation observation, String code) {
        observation.addInterpretation(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", code, null)));
        return observation;
    }

    static CodeableConcept concept(String system, String code) {
        return new CodeableConcept(new Coding(system, code, null));
    }
}
