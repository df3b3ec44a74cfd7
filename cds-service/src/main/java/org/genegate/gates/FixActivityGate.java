package org.genegate.gates;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.genegate.clinical.Numbers;
import org.genegate.clinical.Observations;
import org.genegate.clinical.Units;
import org.genegate.findings.Evidence;
import org.genegate.findings.GateFinding;
import org.genegate.findings.GateStatus;
import org.genegate.findings.SourceClass;
import org.genegate.record.RecordPart;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;

/**
 * Severe or moderately severe deficiency (FIX activity <= 2 %): a payer and trial criterion,
 * not a label one. The lowest value of any date counts, since factor infusions raise later values.
 */
public final class FixActivityGate implements Gate<FixActivitySettings> {

    public static final GateDefinition<FixActivitySettings> DEFINITION = new GateDefinition<>(FixActivitySettings.ID,
            new GateDefinition.Titles("FIX activity", "FIX activity", "FIX activity"),
            CardGroup.DOCUMENTATION, List.of(SourceClass.PAYER, SourceClass.TRIAL),
            FixActivitySettings.class, FixActivitySettings::read, policy -> new FixActivityGate());

    /** 1 IU/dL is 1 % of normal, so both read as percent. */
    private static final String[] PERCENT_UNITS = {"%", "IU/dL", "[IU]/dL"};

    @Override
    public Set<RecordPart> reads() {
        return Set.of(RecordPart.OBSERVATIONS);
    }

    @Override
    public GateFinding evaluate(GateInput<FixActivitySettings> in) {
        Observation lowest = null;
        BigDecimal lowestValue = null;
        List<Evidence> evidence = new ArrayList<>();
        for (Observation observation : Observations.results(in.record(), in.codes(), GeneGateTerminology.VS_FIX_ACTIVITY)) {
            evidence.add(Observations.evidence(observation, "FIX activity"));
            if (observation.getValue() instanceof Quantity quantity && quantity.getValue() != null
                    && Units.isOneOf(quantity, PERCENT_UNITS)) {
                BigDecimal value = quantity.getValue();
                if (lowestValue == null || value.compareTo(lowestValue) < 0) {
                    lowest = observation;
                    lowestValue = value;
                }
            }
        }
        BigDecimal maximum = in.policy().maximumPercent();
        if (lowest == null) {
            return in.finding(GateStatus.MISSING, "No readable FIX activity result (% or IU/dL) is on record; payers "
                    + "require FIX activity <= " + Numbers.plain(maximum) + " % for " + in.product().name()
                    + ".", evidence,
                    List.of(in.orderTest(GeneGateTerminology.LOINC, GeneGateTerminology.LOINC_FIX_ACTIVITY_PERCENT,
                            "Baseline FIX activity (off factor) for the " + in.product().name()
                                    + " prior authorization")));
        }
        String shown = Observations.valueText(lowest) + " " + Observations.dated(lowest);
        if (lowestValue.compareTo(maximum) > 0) {
            return in.finding(GateStatus.FAIL, "The lowest FIX activity on record is " + shown + ", above the "
                    + Numbers.plain(maximum) + " % that payers and the HOPE-B trial require (not a label criterion).",
                    evidence, List.of());
        }
        return in.finding(GateStatus.PASS, "The lowest FIX activity on record is " + shown + ", at most "
                + Numbers.plain(maximum) + " %.", evidence, List.of());
    }
}
