package org.genegate.gates;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.genegate.policy.NabAav5Settings;
import org.genegate.record.RecordPart;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;

/**
 * Anti-AAV5 neutralizing antibodies. The team keeps the billing sheet's gate, but its message
 * must carry the evidence: the US label sets no cutoff; the EU SmPC cautions above 1:678 with the
 * clinical-study assay (about 1:898 with the extended-range assay), so the assay matters.
 */
public final class NabAav5Gate implements Gate<NabAav5Settings> {

    private static final String CONTEXT = "the US label sets no NAb cutoff, while the EU SmPC cautions above 1:678 "
            + "with the clinical-trial assay (about 1:898 with the extended-range assay)";

    @Override
    public String id() {
        return NabAav5Settings.ID;
    }

    @Override
    public String title() {
        return "anti-AAV5 neutralizing antibody titer";
    }

    @Override
    public Set<RecordPart> reads() {
        return Set.of(RecordPart.OBSERVATIONS);
    }

    @Override
    public GateFinding evaluate(GateInput<NabAav5Settings> in) {
        NabAav5Settings policy = in.policy();
        BigDecimal threshold = policy.titerThreshold();
        String limit = "1:" + Numbers.plain(threshold);
        Remedy order = in.orderTest(GeneGateTerminology.CODE_SYSTEM, GeneGateTerminology.AAV5_NAB_TITER,
                "Anti-AAV5 NAb titer within " + policy.windowDays() + " days before Hemgenix; name the assay");
        List<Observation> results = Observations.results(in.record(), in.codes(), GeneGateTerminology.VS_AAV5_NAB);
        if (results.isEmpty()) {
            return in.finding(GateStatus.MISSING, "No anti-AAV5 NAb titer is on record; the EU SmPC advises testing "
                    + "before Hemgenix, so order the titer and name the assay.", List.of(), List.of(order));
        }
        Observation latest = results.get(0);
        Optional<Titer> titer = Titer.read(latest);
        String shown = titer.map(Titer::text).orElse(Observations.valueText(latest));
        String assay = assay(latest).map(a -> "; assay: " + a).orElse("");
        String when = Observations.effectiveDate(latest).map(Object::toString).orElse("undated");
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence(References.of(latest), "anti-AAV5 NAb titer", shown,
                Observations.effectiveDate(latest).orElse(null)));
        boolean recent = Observations.withinDays(latest, in.orderDate(), policy.windowDays());

        // A titer at or above the limit fails even when old: titers were stable over months, so an
        // old high titer is still informative and outranks "stale".
        if (titer.isPresent() && atOrAbove(titer.get(), threshold)) {
            return in.finding(GateStatus.FAIL, "Anti-AAV5 NAb titer " + shown + " (" + when + assay
                    + ") is at or above " + limit + (recent ? "" : ", measured more than " + policy.windowDays()
                    + " days before the order") + ": " + CONTEXT + ".", evidence, List.of());
        }
        if (!recent) {
            return in.finding(GateStatus.STALE, "The latest anti-AAV5 NAb titer " + shown + " (" + when + assay
                    + ") is older than " + policy.windowDays() + " days before the order (" + in.orderDate()
                    + "); repeat the titer.", evidence, List.of(order));
        }
        if (titer.isEmpty()) {
            return in.finding(GateStatus.MISSING, "The anti-AAV5 NAb result '" + shown + "' (" + when + assay
                    + ") cannot be read as a titer 1:N; record it as a ratio such as 1:50.", evidence, List.of(order));
        }
        if (!establishedBelow(titer.get(), threshold)) {
            return in.finding(GateStatus.MISSING, "Anti-AAV5 NAb result " + shown + " (" + when + assay
                    + ") does not establish a titer below " + limit + "; ask the lab for an end-point titer.",
                    evidence, List.of(order));
        }
        return in.finding(GateStatus.PASS, "Anti-AAV5 NAb titer " + shown + " (" + when + assay + ") is below "
                + limit + ".", evidence, List.of());
    }

    /** Exactly 1:678 fails; ">1:N" fails when N already reaches the limit. */
    static boolean atOrAbove(Titer titer, BigDecimal threshold) {
        return (titer.bound() == Titer.Bound.EXACT || titer.bound() == Titer.Bound.ABOVE)
                && titer.dilution().compareTo(threshold) >= 0;
    }

    /** "<1:678" is below 1:678; "<=1:678" is not; ">1:50" says nothing about staying below. */
    static boolean establishedBelow(Titer titer, BigDecimal threshold) {
        return switch (titer.bound()) {
            case EXACT, AT_MOST -> titer.dilution().compareTo(threshold) < 0;
            case BELOW -> titer.dilution().compareTo(threshold) <= 0;
            case ABOVE -> false;
        };
    }

    private static Optional<String> assay(Observation observation) {
        if (!observation.hasMethod()) {
            return Optional.empty();
        }
        CodeableConcept method = observation.getMethod();
        if (method.hasText()) {
            return Optional.of(method.getText());
        }
        for (Coding coding : method.getCoding()) {
            if (coding.hasDisplay()) {
                return Optional.of(coding.getDisplay());
            }
        }
        return Optional.empty();
    }
}
