package org.genegate.gates;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.genegate.clinical.BodyWeight;
import org.genegate.clinical.Numbers;
import org.genegate.clinical.Observations;
import org.genegate.findings.Evidence;
import org.genegate.findings.GateFinding;
import org.genegate.policy.GateTitles;
import org.genegate.findings.GateStatus;
import org.genegate.findings.Remedy;
import org.genegate.findings.SourceClass;
import org.genegate.orders.OrderedDose;
import org.genegate.record.RecordPart;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.r4.model.Observation;

/**
 * The weight-based dose from the product's settings (Hemgenix 2 × 10^13 gc/kg = 2 mL/kg, vials = ceil(mL / 10);
 * Roctavian 6 × 10^13 vg/kg = 3 mL/kg, vials = ceil(mL / 8)), on a body weight at most 30 days old. An ordered
 * count of vector genomes is compared in the product's own unit. Arithmetic is in BigDecimal so a boundary such as
 * exactly 5 % is judged exactly.
 */
public final class WeightAndDoseGate implements Gate<WeightAndDoseSettings> {

    public static final GateDefinition<WeightAndDoseSettings> DEFINITION = new GateDefinition<>(
            WeightAndDoseSettings.ID,
            new GateTitles("Weight and dose", "weight/dose", "body weight and weight-based dose"),
            CardGroup.DOCUMENTATION, List.of(SourceClass.LABEL),
            WeightAndDoseSettings.class, WeightAndDoseSettings::read, policy -> new WeightAndDoseGate());

    /** Exact definition of the avoirdupois pound. */
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    @Override
    public Set<RecordPart> reads() {
        return Set.of(RecordPart.OBSERVATIONS);
    }

    @Override
    public GateFinding evaluate(GateInput<WeightAndDoseSettings> in) {
        WeightAndDoseSettings policy = in.policy();
        Remedy weigh = in.orderTest(GeneGateTerminology.LOINC, GeneGateTerminology.LOINC_BODY_WEIGHT,
                "Body weight within " + policy.windowDays() + " days before " + in.product().name() + ", for the dose");
        Optional<BodyWeight> weight = BodyWeight.latest(in.record(), in.codes());
        if (weight.isEmpty()) {
            return in.finding(GateStatus.MISSING, "No body weight in kg, g or lb is on record; the "
                    + in.product().name() + " dose is "
                    + Numbers.plain(policy.millilitresPerKg()) + " mL/kg.", List.of(), List.of(weigh));
        }
        Observation weightResult = weight.get().observation();
        BigDecimal kg = weight.get().kg();
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(Observations.evidence(weightResult, "body weight"));
        String weightText = Numbers.plain(kg.setScale(2, RoundingMode.HALF_UP)) + " kg "
                + Observations.dated(weightResult);
        if (!Observations.withinDays(weightResult, in.orderDate(), policy.windowDays())) {
            return in.finding(GateStatus.STALE, "The latest body weight (" + weightText + ") is older than "
                    + policy.windowDays() + " days before the order (" + in.orderDate() + "); weigh the patient "
                    + "before the dose is set.", evidence, List.of(weigh));
        }

        DoseCalculation expected = DoseCalculation.of(kg, policy, in.product().name());
        Remedy.UpdateDose update = expected.remedy();
        String expectedText = expected.text() + " for " + weightText;
        if (!in.order().proposed()) {
            return in.finding(GateStatus.MISSING, "No proposed " + in.product().name()
                    + " order to check; the weight-based dose is "
                    + expectedText + ". Send the proposed order to check its dose.", evidence, List.of(update));
        }
        Optional<OrderedDose> ordered = OrderedDose.of(in.order().request());
        if (ordered.isEmpty()) {
            return in.finding(GateStatus.MISSING, "The " + in.product().name()
                    + " order has no dose; the weight-based dose is "
                    + expectedText + ".", evidence, List.of(update));
        }
        OrderedDose dose = ordered.get();
        evidence.add(new Evidence(null, "ordered dose", dose.text(), in.orderDate()));
        BigDecimal target = switch (dose.kind()) {
            case MILLILITRES -> expected.millilitres();
            case GENOME_COPIES -> expected.genomeCopies();
            case UNKNOWN -> null;
        };
        if (target == null) {
            return in.finding(GateStatus.FAIL, "The ordered dose " + dose.text() + " is in a unit the dose check "
                    + "cannot read (use mL or " + policy.doseUnit() + "); the weight-based dose is " + expectedText + ".", evidence,
                    List.of(update));
        }
        BigDecimal deviation = dose.value().subtract(target).abs().multiply(HUNDRED)
                .divide(target, MathContext.DECIMAL64);
        if (deviation.compareTo(policy.tolerancePercent()) > 0) {
            String direction = dose.value().compareTo(target) > 0 ? "above" : "below";
            return in.finding(GateStatus.FAIL, "The ordered dose " + dose.text() + " is "
                    + Numbers.plain(deviation.setScale(1, RoundingMode.HALF_UP)) + " % " + direction
                    + " the weight-based dose of " + expectedText + " (tolerance "
                    + Numbers.plain(policy.tolerancePercent()) + " %).", evidence, List.of(update));
        }
        return in.finding(GateStatus.PASS, "The ordered dose " + dose.text() + " matches the weight-based dose of "
                + expectedText + ".", evidence, List.of());
    }
}
