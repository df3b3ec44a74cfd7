package org.genegate.gates;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.genegate.clinical.Numbers;
import org.genegate.clinical.Observations;
import org.genegate.clinical.References;
import org.genegate.clinical.Titer;
import org.genegate.findings.Evidence;
import org.genegate.findings.GateFinding;
import org.genegate.policy.GateTitles;
import org.genegate.findings.GateStatus;
import org.genegate.findings.Remedy;
import org.genegate.findings.SourceClass;
import org.genegate.orders.ProductRecognizer;
import org.genegate.record.RecordPart;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;

/**
 * Anti-AAV5 neutralizing antibodies: an efficacy caution, not a safety stop. The US label sets no cutoff and
 * HOPE-B did not exclude on NAb; the EU SmPC 4.4 cautions that titers above 1:678 on the clinical-study assay
 * (above 1:898 on the extended-range assay) may reduce the effect. Which limit applies depends on the assay named
 * in {@code Observation.method}; an unnamed assay is compared with the clinical-study limit and the card says so.
 */
public final class NabAav5Gate implements Gate<NabAav5Settings> {

    public static final GateDefinition<NabAav5Settings> DEFINITION = new GateDefinition<>(NabAav5Settings.ID,
            new GateTitles("Anti-AAV5 neutralizing antibodies", "anti-AAV5 NAb titer",
                    "anti-AAV5 neutralizing antibody titer"),
            CardGroup.DOCUMENTATION, List.of(SourceClass.SMPC),
            NabAav5Settings.class, NabAav5Settings::read, policy -> new NabAav5Gate());


    /** The assay a titer was measured with, and the limit that goes with it. */
    enum Assay {
        CLINICAL_STUDY("clinical-study assay"),
        EXTENDED_RANGE("extended-range assay"),
        UNNAMED("assay not named");

        private final String text;

        Assay(String text) {
            this.text = text;
        }
    }

    @Override
    public Set<RecordPart> reads() {
        return Set.of(RecordPart.OBSERVATIONS);
    }

    @Override
    public GateFinding evaluate(GateInput<NabAav5Settings> in) {
        NabAav5Settings policy = in.policy();
        Remedy order = in.orderTest(GeneGateTerminology.CODE_SYSTEM, GeneGateTerminology.AAV5_NAB_TITER,
                "Anti-AAV5 NAb titer within " + policy.windowDays() + " days before " + in.product().name()
                        + "; name the assay");
        List<Observation> results = Observations.results(in.record(), in.codes(), GeneGateTerminology.VS_AAV5_NAB);
        if (results.isEmpty()) {
            return in.finding(GateStatus.MISSING, "No anti-AAV5 NAb titer is on record; the EU SmPC advises testing "
                    + "before " + in.product().name()
                    + ", so order the titer and name the assay.", List.of(), List.of(order));
        }
        Observation latest = results.get(0);
        Optional<Titer> titer = Titer.read(latest);
        String shown = titer.map(Titer::text).orElse(Observations.valueText(latest));
        Optional<String> method = methodText(latest);
        Assay assay = assay(method, policy);
        BigDecimal threshold = limit(assay, policy);
        String limit = "1:" + Numbers.plain(threshold);
        String named = method.map(a -> "; assay: " + a).orElse("; assay not named");
        String when = Observations.effectiveDate(latest).map(Object::toString).orElse("undated");
        String compared = compared(assay, policy);
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence(References.of(latest), "anti-AAV5 NAb titer", shown,
                Observations.effectiveDate(latest).orElse(null)));
        boolean recent = Observations.withinDays(latest, in.orderDate(), policy.windowDays());

        // A titer above the limit is reported even when old: titers were stable over months, so an old
        // high titer is still informative and outranks "stale".
        if (titer.isPresent() && above(titer.get(), threshold)) {
            return in.finding(GateStatus.FAIL, "Anti-AAV5 NAb titer " + shown + " (" + when + named + ") is above "
                    + limit + compared + (recent ? "" : ", measured more than " + policy.windowDays()
                    + " days before the order") + ": pre-existing anti-AAV5 antibodies may reduce how well "
                    + in.product().name()
                    + " works (an efficacy caution of the EU SmPC 4.4, not a safety stop); the US "
                    + "label sets no NAb cutoff.", evidence, List.of());
        }
        if (!recent) {
            return in.finding(GateStatus.STALE, List.of(SourceClass.TEAM_DEFAULT), "The latest anti-AAV5 NAb titer "
                    + shown + " (" + when + named + ") is older than " + policy.windowDays()
                    + " days before the order ("
                    + in.orderDate() + "), the team's window (no source sets one); repeat the titer.",
                    evidence, List.of(order));
        }
        if (titer.isEmpty()) {
            return in.finding(GateStatus.MISSING, "The anti-AAV5 NAb result '" + shown + "' (" + when + named
                    + ") cannot be read as a titer 1:N; record it as a ratio such as 1:50.", evidence, List.of(order));
        }
        if (!establishedAtOrBelow(titer.get(), threshold)) {
            return in.finding(GateStatus.MISSING, "Anti-AAV5 NAb result " + shown + " (" + when + named
                    + ") does not establish a titer at or below " + limit + compared
                    + "; ask the lab for an end-point titer.", evidence, List.of(order));
        }
        return in.finding(GateStatus.PASS, "Anti-AAV5 NAb titer " + shown + " (" + when + named + ") is not above "
                + limit + compared + ".", evidence, List.of());
    }

    /** Which assay {@code Observation.method} names; extended-range wins when both are named. */
    static Assay assay(Optional<String> method, NabAav5Settings policy) {
        if (method.isEmpty()) {
            return Assay.UNNAMED;
        }
        String text = method.get();
        if (ProductRecognizer.containsAny(text, policy.extendedRangeAssayNames())) {
            return Assay.EXTENDED_RANGE;
        }
        if (ProductRecognizer.containsAny(text, policy.clinicalStudyAssayNames())) {
            return Assay.CLINICAL_STUDY;
        }
        return Assay.UNNAMED;
    }

    static BigDecimal limit(Assay assay, NabAav5Settings policy) {
        return assay == Assay.EXTENDED_RANGE ? policy.extendedRangeTiterLimit() : policy.clinicalStudyTiterLimit();
    }

    /** Says which limit was used and why, so an unnamed assay is never silently judged. */
    private static String compared(Assay assay, NabAav5Settings policy) {
        return switch (assay) {
            case CLINICAL_STUDY, EXTENDED_RANGE -> " (EU SmPC limit for the " + assay.text + ")";
            case UNNAMED -> " (the assay is not recognised in Observation.method, so the titer is compared with the "
                    + "clinical-study assay's limit; on the extended-range assay the EU SmPC caution starts above 1:"
                    + Numbers.plain(policy.extendedRangeTiterLimit()) + ")";
        };
    }

    /** Exactly the limit passes; ">1:N" fails when N already reaches the limit (the titer is then above it). */
    static boolean above(Titer titer, BigDecimal threshold) {
        return switch (titer.bound()) {
            case EXACT -> titer.dilution().compareTo(threshold) > 0;
            case ABOVE -> titer.dilution().compareTo(threshold) >= 0;
            case BELOW, AT_MOST -> false;
        };
    }

    /** "<1:N" and "<=1:N" are at or below the limit when N is; ">1:50" says nothing about staying at or below. */
    static boolean establishedAtOrBelow(Titer titer, BigDecimal threshold) {
        return switch (titer.bound()) {
            case EXACT, AT_MOST, BELOW -> titer.dilution().compareTo(threshold) <= 0;
            case ABOVE -> false;
        };
    }

    private static Optional<String> methodText(Observation observation) {
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
