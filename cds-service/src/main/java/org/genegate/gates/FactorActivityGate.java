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
import org.genegate.policy.GateTitles;
import org.genegate.findings.GateStatus;
import org.genegate.findings.SourceClass;
import org.genegate.record.RecordPart;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;

/**
 * The patient's own clotting factor activity is low enough: the lowest value of any date counts, since factor
 * infusions raise later values. Which factor, codes, limit and comparator come from the settings (FIX for Hemgenix,
 * FVIII for Roctavian). The message names the assay of the result it read (its LOINC code's display, and the
 * method when recorded), since one-stage and chromogenic FVIII assays disagree for a transgene's FVIII.
 */
public final class FactorActivityGate implements Gate<FactorActivitySettings> {

    public static final GateDefinition<FactorActivitySettings> DEFINITION = new GateDefinition<>(
            FactorActivitySettings.ID,
            new GateTitles("FIX activity", "FIX activity", "FIX activity"),
            CardGroup.DOCUMENTATION, List.of(SourceClass.PAYER, SourceClass.TRIAL),
            FactorActivitySettings.class, FactorActivitySettings::read, policy -> new FactorActivityGate());

    /** 1 IU/dL is 1 % of normal, so both read as percent. */
    private static final String[] PERCENT_UNITS = {"%", "IU/dL", "[IU]/dL"};

    @Override
    public Set<RecordPart> reads() {
        return Set.of(RecordPart.OBSERVATIONS);
    }

    @Override
    public GateFinding evaluate(GateInput<FactorActivitySettings> in) {
        FactorActivitySettings policy = in.policy();
        String factor = policy.factor();
        Observation lowest = null;
        BigDecimal lowestValue = null;
        List<Evidence> evidence = new ArrayList<>();
        for (Observation observation : Observations.results(in.record(), in.codes(), policy.valueSet())) {
            evidence.add(Observations.evidence(observation, factor));
            if (observation.getValue() instanceof Quantity quantity && quantity.getValue() != null
                    && Units.isOneOf(quantity, PERCENT_UNITS)) {
                BigDecimal value = quantity.getValue();
                if (lowestValue == null || value.compareTo(lowestValue) < 0) {
                    lowest = observation;
                    lowestValue = value;
                }
            }
        }
        String limit = policy.limitText(Numbers.plain(policy.maximumPercent()));
        if (lowest == null) {
            return in.finding(GateStatus.MISSING, "No readable " + factor + " result (% or IU/dL) is on record; "
                    + policy.requiredBy() + " require " + factor + " " + limit + " for " + in.product().name()
                    + ".", evidence,
                    List.of(in.orderTest(GeneGateTerminology.LOINC, policy.orderCode(),
                            "Baseline " + factor + " (off factor) for " + in.product().name())));
        }
        String shown = Observations.valueText(lowest) + " " + Observations.dated(lowest) + assay(in, lowest);
        if (!policy.passes(lowestValue)) {
            return in.finding(GateStatus.FAIL, "The lowest " + factor + " on record is " + shown + ", not "
                    + limit + " as " + policy.requiredBy() + " require.", evidence, List.of());
        }
        return in.finding(GateStatus.PASS, "The lowest " + factor + " on record is " + shown + ", "
                + limit + ".", evidence, List.of());
    }

    /** ", one-stage assay (LOINC 3209-4)" where the policy names assays, so a reader knows which one was read. */
    private static String assay(GateInput<FactorActivitySettings> in, Observation observation) {
        String code = Observations.codeOf(observation, GeneGateTerminology.LOINC);
        String assay = code == null ? null : in.policy().assays().get(code);
        return assay == null ? "" : ", " + assay + " assay (LOINC " + code + ")";
    }
}
