package org.genegate.gates;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.genegate.clinical.Numbers;
import org.genegate.clinical.References;
import org.genegate.findings.Evidence;
import org.genegate.findings.GateFinding;
import org.genegate.policy.GateTitles;
import org.genegate.findings.GateStatus;
import org.genegate.findings.Remedy;
import org.genegate.findings.SourceClass;
import org.genegate.orders.ProductRecognition;
import org.genegate.orders.OrderedDose;
import org.genegate.record.RecordPart;
import org.genegate.terminology.CodeIndex;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;

/**
 * Billing codes on the draft orders: J1411 × 1 unit, not an unclassified HCPCS; administration
 * CPT 96365, not a chemotherapy, push or radiopharmaceutical code; 96366 only when the infusion
 * runs past 90 minutes. The infusion is the diluted volume at the label's 500 mL/h (CSL: 1-2 hours), so at order
 * time 96366 is questioned only when the order states that volume ({@link OrderedDose#infusedMillilitres}).
 * Reads only the hook's draft orders, so it never needs the record.
 */
public final class CodingGate implements Gate<CodingSettings> {

    public static final GateDefinition<CodingSettings> DEFINITION = new GateDefinition<>(CodingSettings.ID,
            new GateTitles("Billing codes", "codes", "billing codes"),
            CardGroup.CODING, List.of(SourceClass.CODE_SET),
            CodingSettings.class, CodingSettings::read, policy -> new CodingGate());

    private static final BigDecimal MINUTES_PER_HOUR = BigDecimal.valueOf(60);

    @Override
    public Set<RecordPart> reads() {
        return Set.of();
    }

    @Override
    public GateFinding evaluate(GateInput<CodingSettings> in) {
        if (!in.order().proposed()) {
            return in.finding(GateStatus.MISSING, "No proposed " + in.product().name()
                    + " order to check; the billing codes need the "
                    + "order (" + in.product().billingCode()
                    + " x 1 unit, not J3490/J3590/C9399) and the infusion order (CPT 96365, 96366 only "
                    + "past " + in.policy().addOnThresholdMinutes() + " minutes).", List.of(), List.of());
        }
        CodeIndex codes = in.codes();
        MedicationRequest request = in.order().request();
        List<String> problems = new ArrayList<>();
        List<Remedy> remedies = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();

        ProductRecognition recognition = in.order().recognition();
        if (recognition != null && recognition.by() == ProductRecognition.By.HCPCS_UNCLASSIFIED) {
            problems.add("the order is coded " + recognition.code() + " instead of the permanent code "
                    + in.product().billingCode());
            evidence.add(new Evidence(null, "HCPCS on the order", recognition.code(), null));
            remedies.add(new Remedy.ReplaceCode(recognition.system(), recognition.code(), recognition.system(),
                    in.product().billingCode(), display(codes, GeneGateTerminology.HCPCS, in.product().billingCode()),
                    in.product().name() + " has a permanent HCPCS code, " + in.product().billingCode()
                            + ", per therapeutic dose"));
        }

        if (recognition != null && recognition.systemMissing()) {
            boolean hcpcs = recognition.by() == ProductRecognition.By.HCPCS_BILLING_CODE;
            String system = hcpcs ? GeneGateTerminology.HCPCS : GeneGateTerminology.NDC;
            String code = hcpcs ? in.product().billingCode() : recognition.code().strip();
            problems.add("the order's code " + recognition.code().strip() + " has no code system; it was read as "
                    + (hcpcs ? "HCPCS" : "an NDC") + ", and a claim needs the system (" + system + ")");
            evidence.add(new Evidence(null, "code without a system", recognition.code(), null));
            remedies.add(new Remedy.ReplaceCode(recognition.system(), recognition.code(), system, code,
                    display(codes, system, code), "A coding needs its system to be read the same way everywhere"));
        }

        if (request.hasDispenseRequest() && request.getDispenseRequest().hasQuantity()
                && request.getDispenseRequest().getQuantity().getValue() != null
                && request.getDispenseRequest().getQuantity().getValue().compareTo(BigDecimal.ONE) != 0) {
            String quantity = Numbers.plain(request.getDispenseRequest().getQuantity().getValue());
            problems.add("the order dispenses " + quantity + " units, and " + in.product().billingCode()
                    + " is billed as 1 unit (one therapeutic dose)");
            evidence.add(new Evidence(null, "dispense quantity", quantity, null));
        }

        // The infusion time follows the diluted volume, which the undiluted dose does not give: 96366 is
        // questioned only when the order states the infused volume (the claim check reads the documented times).
        Optional<BigDecimal> volume = OrderedDose.infusedMillilitres(request);
        for (Resource other : in.order().otherOrders()) {
            CodeableConcept code = administrationCode(other);
            if (code == null) {
                continue;
            }
            for (Coding coding : code.getCoding()) {
                if (codes.contains(GeneGateTerminology.VS_ADMINISTRATION_CPT_WRONG, coding)) {
                    problems.add("CPT " + coding.getCode() + " on " + describe(other)
                            + " is not the administration code for a " + in.product().name() + " infusion (use 96365)");
                    evidence.add(new Evidence(References.of(other), "administration CPT", coding.getCode(), null));
                    remedies.add(new Remedy.ReplaceCode(GeneGateTerminology.CPT, coding.getCode(), GeneGateTerminology.CPT,
                            GeneGateTerminology.CPT_INFUSION_FIRST_HOUR,
                            display(codes, GeneGateTerminology.CPT, GeneGateTerminology.CPT_INFUSION_FIRST_HOUR),
                            in.product().name()
                                    + " is an IV infusion (96365), not chemotherapy, an IV push or a radiopharmaceutical"));
                } else if (GeneGateTerminology.CPT.equals(coding.getSystem())
                        && GeneGateTerminology.CPT_INFUSION_ADDITIONAL_HOUR.equals(coding.getCode())
                        && volume.isPresent()) {
                    BigDecimal exactMinutes = volume.get().multiply(MINUTES_PER_HOUR)
                            .divide(in.policy().infusionRateMlPerHour(), MathContext.DECIMAL64);
                    if (exactMinutes.compareTo(BigDecimal.valueOf(in.policy().addOnThresholdMinutes())) <= 0) {
                        BigDecimal minutes = exactMinutes.setScale(0, RoundingMode.HALF_UP);
                        String timing = "the stated infused volume of "
                                + Numbers.plain(volume.get().setScale(1, RoundingMode.HALF_UP)) + " mL at "
                                + Numbers.plain(in.policy().infusionRateMlPerHour()) + " mL/h runs about " + minutes
                                + " minutes, and 96366 needs an infusion longer than "
                                + in.policy().addOnThresholdMinutes() + " minutes";
                        String reason = "Remove 96366: " + timing + " (bill it only if the documented start and "
                                + "stop times show a longer infusion)";
                        problems.add("CPT 96366 on " + describe(other) + ": " + timing);
                        evidence.add(new Evidence(References.of(other), "administration CPT", coding.getCode(), null));
                        remedies.add(new Remedy.ReplaceCode(GeneGateTerminology.CPT, coding.getCode(), null, null, null,
                                reason));
                    }
                }
            }
        }

        if (!problems.isEmpty()) {
            return in.finding(GateStatus.FAIL, in.product().name() + " billing: " + String.join("; ", problems)
                    + ".", evidence,
                    remedies);
        }
        return in.finding(GateStatus.PASS, in.product().name() + " billing codes are consistent with "
                + in.product().billingCode() + " × 1 unit and CPT 96365"
                + (volume.isEmpty() ? "; 96366 is judged from the documented infusion times, as the order does not "
                + "state the infused (diluted) volume." : "."), evidence, List.of());
    }

    private static CodeableConcept administrationCode(Resource resource) {
        if (resource instanceof ServiceRequest serviceRequest) {
            return serviceRequest.getCode();
        }
        if (resource instanceof Procedure procedure) {
            return procedure.getCode();
        }
        return null;
    }

    private static String describe(Resource resource) {
        String reference = References.of(resource);
        return reference != null ? reference : "a draft " + resource.fhirType();
    }

    private static String display(CodeIndex codes, String system, String code) {
        return codes.display(system, code).orElse(code);
    }
}
