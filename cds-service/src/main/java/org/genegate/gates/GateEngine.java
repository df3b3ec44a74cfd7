package org.genegate.gates;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.genegate.findings.Evidence;
import org.genegate.findings.GateFinding;
import org.genegate.findings.GateStatus;
import org.genegate.findings.RuleSources;
import org.genegate.orders.DraftOrder;
import org.genegate.policy.GateSettings;
import org.genegate.policy.PayerSettings;
import org.genegate.policy.Policy;
import org.genegate.record.PatientRecord;
import org.genegate.record.RecordPart;
import org.genegate.terminology.CodeIndex;

/**
 * Runs every enabled gate of the policy on one Hemgenix order and applies the "could not verify"
 * rule in one place: a gate runs on whatever parts are available; if a part it reads is not, a
 * FAIL still stands (it rests on data we have) and any other result becomes COULD_NOT_VERIFY with
 * the reason the part could not be had. Nothing is ever silently passed. Built once; thread-safe.
 */
public final class GateEngine {

    /** A gate bound to its section of the policy, so the pair is type-checked once, here. */
    private record BoundGate<S extends GateSettings>(Gate<S> gate, S settings, Set<RecordPart> reads) {

        GateInput<S> input(PatientRecord record, DraftOrder order, CodeIndex codes) {
            return new GateInput<>(record, order, codes, settings);
        }

        GateFinding evaluate(PatientRecord record, DraftOrder order, CodeIndex codes) {
            return gate.evaluate(input(record, order, codes));
        }
    }

    private final Policy policy;
    private final CodeIndex codes;
    private final List<BoundGate<?>> gates;
    private final PayerGate payerGate;
    private final BoundGate<PayerSettings> payer;
    private final Set<RecordPart> partsRead;

    public GateEngine(Policy policy, CodeIndex codes) {
        this.policy = policy;
        this.codes = codes;
        this.payerGate = new PayerGate();
        this.payer = bind(payerGate, policy.payer());
        List<BoundGate<?>> all = List.of(
                bind(new AgeGate(), policy.age()),
                bind(new PriorGeneTherapyGate(), policy.priorGeneTherapy()),
                bind(new FixInhibitorGate(), policy.fixInhibitor()),
                bind(new NabAav5Gate(), policy.nabAav5()),
                bind(new DiagnosisGate(), policy.diagnosis()),
                bind(new FixActivityGate(), policy.fixActivity()),
                bind(new ProphylaxisOrBleedsGate(), policy.prophylaxisOrBleeds()),
                bind(new InfectionsGate(), policy.infections()),
                bind(new BaselineLiverGate(), policy.baselineLiver()),
                bind(new MonitoringPlanGate(), policy.monitoringPlan()),
                bind(new WeightAndDoseGate(), policy.weightAndDose()),
                bind(new SiteOfCareGate(), policy.siteOfCare()),
                bind(new PrescriberGate(), policy.prescriber()),
                bind(new CodingGate(), policy.coding()),
                payer,
                bind(new OrderNotesGate(policy.weightAndDose()), policy.orderNotes()));
        List<BoundGate<?>> enabled = new ArrayList<>();
        Set<RecordPart> parts = EnumSet.noneOf(RecordPart.class);
        for (BoundGate<?> bound : all) {
            if (bound.settings().enabled()) {
                enabled.add(bound);
                parts.addAll(bound.reads());
            }
        }
        this.gates = List.copyOf(enabled);
        this.partsRead = Collections.unmodifiableSet(parts);
    }

    private static <S extends GateSettings> BoundGate<S> bind(Gate<S> gate, S settings) {
        if (!gate.id().equals(settings.gateId())) {
            throw new IllegalStateException("Gate " + gate.id() + " bound to the settings of " + settings.gateId());
        }
        // Copied once into an EnumSet: the engine checks these parts on every call.
        Set<RecordPart> reads = gate.reads().isEmpty() ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(gate.reads()));
        return new BoundGate<>(gate, settings, reads);
    }

    public Policy policy() {
        return policy;
    }

    /** The record parts the enabled gates read: what the fetch layer needs to provide. */
    public Set<RecordPart> partsRead() {
        return partsRead;
    }

    /** The ids of the enabled gates, in policy order. */
    public List<String> enabledGateIds() {
        return gates.stream().map(b -> b.gate().id()).toList();
    }

    public Assessment assess(PatientRecord record, DraftOrder order) {
        List<GateFinding> findings = new ArrayList<>(gates.size());
        for (BoundGate<?> bound : gates) {
            findings.add(run(bound, record, order));
        }
        return new Assessment(order, findings, coverage(record, order), policy.version());
    }

    private GateFinding run(BoundGate<?> bound, PatientRecord record, DraftOrder order) {
        List<String> unavailable = new ArrayList<>();
        for (RecordPart part : bound.reads()) {
            if (!record.isAvailable(part)) {
                unavailable.add(partName(part) + " could not be fetched ("
                        + record.unavailableReason(part).orElse("not provided") + ")");
            }
        }
        GateFinding result;
        try {
            result = bound.evaluate(record, order, codes);
        } catch (RuntimeException e) {
            // A record shaped in a way no gate foresaw must not take down the hook or pass the order.
            return couldNotVerify(bound, "the check failed on this record (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", List.of());
        }
        if (unavailable.isEmpty() || result.status() == GateStatus.FAIL) {
            return result;
        }
        return couldNotVerify(bound, String.join("; ", unavailable), result.evidence());
    }

    private static GateFinding couldNotVerify(BoundGate<?> bound, String reason, List<Evidence> evidence) {
        GateSettings settings = bound.settings();
        // Remedies are dropped: ordering a test that may already be on record would be wrong advice.
        return new GateFinding(settings.gateId(), GateStatus.COULD_NOT_VERIFY,
                settings.severities().of(GateStatus.COULD_NOT_VERIFY),
                "Could not verify the " + bound.gate().title() + " for Hemgenix: " + reason + ".",
                evidence, settings.source(), RuleSources.of(settings.gateId()), List.of());
    }

    private CoverageDetermination coverage(PatientRecord record, DraftOrder order) {
        if (!payer.settings().enabled() || !record.isAvailable(RecordPart.COVERAGE)) {
            return null;
        }
        try {
            return payerGate.coverageDetermination(payer.input(record, order, codes)).orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String partName(RecordPart part) {
        return part.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
