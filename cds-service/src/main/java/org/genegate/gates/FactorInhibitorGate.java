package org.genegate.gates;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.genegate.clinical.InhibitorTiters;
import org.genegate.clinical.Numbers;
import org.genegate.clinical.Observations;
import org.genegate.clinical.Positivity;
import org.genegate.findings.Evidence;
import org.genegate.findings.GateFinding;
import org.genegate.policy.GateTitles;
import org.genegate.findings.GateStatus;
import org.genegate.findings.Remedy;
import org.genegate.findings.SourceClass;
import org.genegate.record.RecordPart;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.r4.model.Observation;

/**
 * A clotting factor inhibitor (Bethesda), the factor and codes from the settings. Hemgenix label: test before
 * dosing; if positive, retest in about 2 weeks; if both are positive, do not give ({@code retestRule}). Roctavian:
 * do not give if positive, no retest rule. Payers add: a negative within 30 days and no history of a positive,
 * which is the policy's separate {@code historySeverity}.
 */
public final class FactorInhibitorGate implements Gate<FactorInhibitorSettings> {

    public static final GateDefinition<FactorInhibitorSettings> DEFINITION = new GateDefinition<>(FactorInhibitorSettings.ID,
            new GateTitles("FIX inhibitor (Bethesda)", "FIX inhibitor", "FIX inhibitor (Bethesda) result"),
            CardGroup.DOCUMENTATION, List.of(SourceClass.LABEL),
            FactorInhibitorSettings.class, FactorInhibitorSettings::read, policy -> new FactorInhibitorGate());

    /** Units a Bethesda titer is reported in (UCUM and common text). */

    @Override
    public Set<RecordPart> reads() {
        return Set.of(RecordPart.OBSERVATIONS);
    }

    @Override
    public GateFinding evaluate(GateInput<FactorInhibitorSettings> in) {
        FactorInhibitorSettings policy = in.policy();
        String inhibitor = policy.factor() + " inhibitor";
        List<Observation> all = Observations.results(in.record(), in.codes(), policy.valueSet());
        Remedy retest = in.orderTest(GeneGateTerminology.LOINC, policy.orderCode(),
                inhibitor + " (Bethesda) test within " + policy.windowDays() + " days before " + in.product().name());
        if (all.isEmpty()) {
            return in.finding(GateStatus.MISSING, "No " + inhibitor + " (Bethesda) result is on record; the label "
                    + "requires an inhibitor test before " + in.product().name() + ".", List.of(), List.of(retest));
        }
        // Results that read neither positive nor negative take no part in the sequence below.
        List<Observation> readable = new ArrayList<>();
        List<Positivity> readings = new ArrayList<>();
        for (Observation observation : all) {
            Positivity reading = InhibitorTiters.read(observation, policy.positiveThresholdBu());
            if (reading != Positivity.UNKNOWN) {
                readable.add(observation);
                readings.add(reading);
            }
        }
        List<Evidence> evidence = new ArrayList<>();
        for (Observation observation : all) {
            evidence.add(Observations.evidence(observation, inhibitor));
        }
        if (readable.isEmpty()) {
            Observation latest = all.get(0);
            return in.finding(GateStatus.MISSING, "The " + inhibitor + " result " + Observations.valueText(latest) + " "
                    + Observations.dated(latest) + " reads neither positive nor negative; repeat the Bethesda test.",
                    evidence, List.of(retest));
        }
        Observation latest = readable.get(0);
        String latestText = describe(latest);
        if (readings.get(0) == Positivity.POSITIVE && !policy.retestRule()) {
            return in.finding(GateStatus.FAIL, LABEL_AND_PAYER, inhibitor + " test is positive (" + latestText
                    + "): the label says do not give " + in.product().name() + " if positive. " + cutOff(policy),
                    evidence, List.of());
        }
        if (readings.get(0) == Positivity.POSITIVE) {
            if (readings.size() > 1 && readings.get(1) == Positivity.POSITIVE) {
                return in.finding(GateStatus.FAIL, LABEL_AND_PAYER, "Two positive " + inhibitor + " tests ("
                        + describe(readable.get(1)) + ", then " + latestText + "): the US label says do not give "
                        + in.product().name() + ". " + cutOff(policy), evidence, List.of());
            }
            return in.finding(GateStatus.FAIL, LABEL_AND_PAYER, inhibitor + " test is positive (" + latestText
                    + "): the US label says retest in about 2 weeks, and do not give " + in.product().name()
                    + " if the retest is "
                    + "positive too. " + cutOff(policy), evidence, List.of(retest));
        }
        boolean earlierPositive = readings.subList(1, readings.size()).contains(Positivity.POSITIVE);
        Observation earliestPositive = earlierPositive ? readable.get(readings.lastIndexOf(Positivity.POSITIVE)) : null;
        if (!Observations.withinDays(latest, in.orderDate(), policy.windowDays())) {
            return in.finding(GateStatus.STALE, List.of(SourceClass.PAYER), "The latest " + inhibitor + " result ("
                    + latestText + ") is older than "
                    + policy.windowDays() + " days before the order (" + in.orderDate() + "); repeat the Bethesda test"
                    + (earlierPositive ? ", and note the earlier positive (" + describe(earliestPositive) + ")." : "."),
                    evidence, List.of(retest));
        }
        if (earlierPositive) {
            return in.finding(GateStatus.FAIL, policy.historySeverity(), List.of(SourceClass.PAYER, SourceClass.SMPC),
                    "The current " + inhibitor + " test is negative (" + latestText + "), but an earlier one was "
                    + "positive (" + describe(earliestPositive) + "); payers such as Aetna require no history of an "
                    + "inhibitor >= " + Numbers.plain(policy.positiveThresholdBu()) + " BU, and the EU SmPC indication "
                    + "is for patients without a history of " + inhibitor + "s.", evidence, List.of());
        }
        if (all.get(0) != latest) {
            // A newer result could not be read: the older negative cannot stand in for it.
            return in.finding(GateStatus.MISSING, "The newest " + inhibitor + " result "
                    + Observations.valueText(all.get(0))
                    + " " + Observations.dated(all.get(0)) + " reads neither positive nor negative; repeat the "
                    + "Bethesda test.", evidence, List.of(retest));
        }
        return in.finding(GateStatus.PASS, inhibitor + " test is negative (" + latestText + ").", evidence, List.of());
    }

    /** The label's retest rule, judged against the payer's Bethesda cut-off: the label sets no number. */
    private static final List<SourceClass> LABEL_AND_PAYER = List.of(SourceClass.LABEL, SourceClass.PAYER);

    private static String cutOff(FactorInhibitorSettings policy) {
        return "Positive here means >= " + Numbers.plain(policy.positiveThresholdBu())
                + " BU, a payer cut-off (" + policy.cutOffSource() + "); the US label sets no Bethesda cut-off.";
    }

    /** "0.8 BU on 2026-10-01" for a message. */
    private static String describe(Observation observation) {
        return Observations.valueText(observation) + " on "
                + Observations.effectiveDate(observation).map(Object::toString).orElse("an unknown date");
    }
}
