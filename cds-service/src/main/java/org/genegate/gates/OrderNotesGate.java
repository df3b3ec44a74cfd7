package org.genegate.gates;

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
import org.genegate.findings.Severity;
import org.genegate.findings.SourceClass;
import org.genegate.record.RecordPart;

/**
 * Information for the team giving the infusion, never a block: the kit size (vials) for the dose from the
 * patient's weight, then the policy's notes (dilution and infusion rate, observation for infusion reactions, the
 * EU SmPC items: contraception, no donation, long-term follow-up), each with its own source.
 */
public final class OrderNotesGate implements Gate<OrderNotesSettings> {

    public static final GateDefinition<OrderNotesSettings> DEFINITION = new GateDefinition<>(OrderNotesSettings.ID,
            new GateTitles("Order notes", "order notes", "order notes"),
            CardGroup.DOCUMENTATION, List.of(SourceClass.TEAM_DEFAULT),
            OrderNotesSettings.class, OrderNotesSettings::read,
            policy -> new OrderNotesGate(policy.settings(WeightAndDoseGate.DEFINITION)));

    private final WeightAndDoseSettings dose;

    public OrderNotesGate(WeightAndDoseSettings dose) {
        this.dose = dose;
    }

    @Override
    public Set<RecordPart> reads() {
        return Set.of(RecordPart.OBSERVATIONS);
    }

    @Override
    public GateFinding evaluate(GateInput<OrderNotesSettings> in) {
        List<String> lines = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        Optional<BodyWeight> weight = BodyWeight.latest(in.record(), in.codes());
        if (weight.isPresent()) {
            DoseCalculation calculation = DoseCalculation.of(weight.get().kg(), dose, in.product().name());
            lines.add("Kit: " + calculation.vials() + " vials of " + Numbers.plain(dose.vialMillilitres()) + " mL for "
                    + Numbers.plain(calculation.roundedMillilitres()) + " mL ("
                    + Numbers.plain(weight.get().kg().setScale(2, RoundingMode.HALF_UP)) + " kg "
                    + Observations.dated(weight.get().observation()) + "); " + in.policy().packaging()
                    + " (source: " + dose.source() + ").");
            evidence.add(Observations.evidence(weight.get().observation(), "body weight"));
        } else {
            lines.add("Kit: the kit size cannot be given, as no body weight is on record (vials = 2 mL/kg x weight "
                    + "/ 10 mL, rounded up; source: " + dose.source() + ").");
        }
        for (OrderNotesSettings.Note note : in.policy().notes()) {
            lines.add(note.text() + " (source: " + note.source() + ").");
        }
        return in.finding(GateStatus.PASS, Severity.INFO, "Order notes for the " + in.product().name()
                + " infusion:\n- "
                + String.join("\n- ", lines), evidence, List.of());
    }
}
