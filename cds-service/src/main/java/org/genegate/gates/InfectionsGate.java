package org.genegate.gates;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.genegate.clinical.Numbers;
import org.genegate.clinical.Observations;
import org.genegate.clinical.Positivity;
import org.genegate.clinical.Units;
import org.genegate.findings.Evidence;
import org.genegate.findings.GateFinding;
import org.genegate.policy.GateTitles;
import org.genegate.findings.GateStatus;
import org.genegate.findings.Remedy;
import org.genegate.findings.SourceClass;
import org.genegate.record.RecordPart;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;

/**
 * No active hepatitis B or C and no uncontrolled HIV: payer and trial criteria (EviCore/Cigna,
 * HOPE-B), not label ones. Each screen's latest result counts.
 */
public final class InfectionsGate implements Gate<InfectionsSettings> {

    public static final GateDefinition<InfectionsSettings> DEFINITION = new GateDefinition<>(InfectionsSettings.ID,
            new GateTitles("Hepatitis B/C and HIV", "infection screen",
                    "hepatitis B, hepatitis C and HIV screening"),
            CardGroup.DOCUMENTATION, List.of(SourceClass.PAYER, SourceClass.TRIAL),
            InfectionsSettings.class, InfectionsSettings::read, policy -> new InfectionsGate());

    private static final String LOINC = GeneGateTerminology.LOINC;
    private static final String[] COPIES_PER_ML = {"copies/mL", "{copies}/mL", "/mL", "1/mL"};
    private static final String[] CELLS_PER_UL = {"cells/uL", "{cells}/uL", "/uL", "10*6/L", "cells/mm3", "/mm3"};

    @Override
    public Set<RecordPart> reads() {
        return Set.of(RecordPart.OBSERVATIONS);
    }

    @Override
    public GateFinding evaluate(GateInput<InfectionsSettings> in) {
        List<String> problems = new ArrayList<>();
        List<String> gaps = new ArrayList<>();
        List<Remedy> remedies = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();

        Optional<Observation> hbsag = latest(in, GeneGateTerminology.LOINC_HBSAG, evidence, "HBsAg");
        Optional<Observation> hcvAb = latest(in, GeneGateTerminology.LOINC_HCV_AB, evidence, "HCV antibody");
        Optional<Observation> hcvRna = latest(in, GeneGateTerminology.LOINC_HCV_RNA, evidence, "HCV RNA");
        Optional<Observation> hiv = latest(in, GeneGateTerminology.LOINC_HIV_AG_AB, evidence, "HIV Ag/Ab");
        Optional<Observation> hivRna = latest(in, GeneGateTerminology.LOINC_HIV1_RNA, evidence, "HIV-1 RNA");
        Optional<Observation> cd4 = latest(in, GeneGateTerminology.LOINC_CD4, evidence, "CD4 count");

        // Hepatitis B: HBsAg positive means active infection.
        screen(in, hbsag, "HBsAg", GeneGateTerminology.LOINC_HBSAG, gaps, remedies)
                .filter(p -> p == Positivity.POSITIVE)
                .ifPresent(p -> problems.add("HBsAg is positive " + Observations.dated(hbsag.get())));

        // Hepatitis C: RNA decides; a positive antibody without RNA leaves the question open.
        Positivity rna = hcvRna.map(InfectionsGate::viralLoad).orElse(Positivity.UNKNOWN);
        if (rna == Positivity.POSITIVE) {
            problems.add("HCV RNA is detected " + Observations.dated(hcvRna.get()));
        }
        Optional<Positivity> antibody = screen(in, hcvAb, "HCV antibody", GeneGateTerminology.LOINC_HCV_AB, gaps, remedies);
        if (antibody.orElse(Positivity.UNKNOWN) == Positivity.POSITIVE && rna == Positivity.UNKNOWN) {
            gaps.add("HCV antibody is positive " + Observations.dated(hcvAb.get())
                    + " and no readable HCV RNA is on record");
            remedies.add(in.orderTest(LOINC, GeneGateTerminology.LOINC_HCV_RNA, "HCV RNA after a positive HCV antibody"));
        }

        // HIV: positive is acceptable only when controlled (viral load or CD4 within the policy's limits).
        Optional<Positivity> hivScreen = screen(in, hiv, "HIV screen", GeneGateTerminology.LOINC_HIV_AG_AB, gaps, remedies);
        if (hivScreen.orElse(Positivity.UNKNOWN) == Positivity.POSITIVE
                && !controlled(hivRna, cd4, in.policy())) {
            problems.add("HIV screen is positive " + Observations.dated(hiv.get()) + " without HIV-1 RNA <= "
                    + Numbers.plain(in.policy().hivRnaMaxCopiesPerMl()) + " copies/mL or CD4 >= "
                    + Numbers.plain(in.policy().cd4MinCellsPerUl()) + " cells/uL");
            if (hivRna.isEmpty()) {
                remedies.add(in.orderTest(LOINC, GeneGateTerminology.LOINC_HIV1_RNA,
                        "HIV-1 viral load after a positive HIV screen"));
            }
        }

        if (!problems.isEmpty()) {
            return in.finding(GateStatus.FAIL, String.join("; ", problems)
                    + (gaps.isEmpty() ? "" : "; also " + String.join("; ", gaps))
                    + ": payers require treatment, a repeat screen and a resubmitted prior authorization.",
                    evidence, remedies);
        }
        if (!gaps.isEmpty()) {
            return in.finding(GateStatus.MISSING, "Infection screening is incomplete: " + String.join("; ", gaps) + ".",
                    evidence, remedies);
        }
        return in.finding(GateStatus.PASS, "No active hepatitis B or C and no uncontrolled HIV on the latest screens.",
                evidence, remedies);
    }

    private static Optional<Observation> latest(GateInput<InfectionsSettings> in, String code, List<Evidence> evidence,
                                                String what) {
        List<Observation> results = Observations.results(in.record(), LOINC, code);
        if (results.isEmpty()) {
            return Optional.empty();
        }
        evidence.add(Observations.evidence(results.get(0), what));
        return Optional.of(results.get(0));
    }

    /** A required screen's reading; a missing or unreadable one becomes a gap with an order. */
    private static Optional<Positivity> screen(GateInput<InfectionsSettings> in, Optional<Observation> result,
                                               String what, String code, List<String> gaps, List<Remedy> remedies) {
        if (result.isEmpty()) {
            gaps.add("no " + what + " result");
            remedies.add(in.orderTest(LOINC, code, what + " before " + in.product().name()));
            return Optional.empty();
        }
        Positivity reading = Observations.qualitative(result.get());
        if (reading == Positivity.UNKNOWN) {
            gaps.add(what + " result '" + Observations.valueText(result.get()) + "' " + Observations.dated(result.get())
                    + " reads neither positive nor negative");
            remedies.add(in.orderTest(LOINC, code, "repeat " + what));
        }
        return Optional.of(reading);
    }

    /** A viral load: any measured copies are detected; "<N" is left to the coded or text reading. */
    static Positivity viralLoad(Observation observation) {
        Positivity numeric = Positivity.UNKNOWN;
        if (observation.getValue() instanceof Quantity quantity && quantity.getValue() != null) {
            Quantity.QuantityComparator comparator = quantity.getComparator();
            boolean bounded = comparator == Quantity.QuantityComparator.LESS_THAN
                    || comparator == Quantity.QuantityComparator.LESS_OR_EQUAL;
            if (!bounded) {
                numeric = quantity.getValue().signum() > 0 ? Positivity.POSITIVE : Positivity.NEGATIVE;
            }
        }
        return Observations.either(numeric, Observations.qualitative(observation));
    }

    private static boolean controlled(Optional<Observation> hivRna, Optional<Observation> cd4, InfectionsSettings policy) {
        if (hivRna.isPresent()) {
            Observation rna = hivRna.get();
            if (Observations.qualitative(rna) == Positivity.NEGATIVE && Observations.number(rna).isEmpty()) {
                return true;
            }
            Optional<Quantity> load = Observations.quantity(rna).filter(q -> Units.isOneOf(q, COPIES_PER_ML));
            if (load.isPresent() && atMost(load.get(), policy.hivRnaMaxCopiesPerMl())) {
                return true;
            }
        }
        if (cd4.isPresent()) {
            Optional<Quantity> count = Observations.quantity(cd4.get()).filter(q -> Units.isOneOf(q, CELLS_PER_UL));
            return count.isPresent() && !count.get().hasComparator()
                    && count.get().getValue().compareTo(policy.cd4MinCellsPerUl()) >= 0;
        }
        return false;
    }

    /** Whether a load is at most the limit; "<20 copies/mL" is, "> 150" is not known to be. */
    private static boolean atMost(Quantity load, BigDecimal limit) {
        Quantity.QuantityComparator comparator = load.getComparator();
        if (comparator == Quantity.QuantityComparator.GREATER_THAN
                || comparator == Quantity.QuantityComparator.GREATER_OR_EQUAL) {
            return false;
        }
        return load.getValue().compareTo(limit) <= 0;
    }
}
