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
import org.genegate.findings.SourceClass;
import org.genegate.orders.DraftOrder;
import org.genegate.policy.GateSettings;
import org.genegate.policy.GateTitles;
import org.genegate.policy.PolicyGate;
import org.genegate.policy.Policy;
import org.genegate.policy.ProductSettings;
import org.genegate.record.PatientRecord;
import org.genegate.record.RecordPart;
import org.genegate.terminology.CodeIndex;

/**
 * Runs every enabled gate of one product's policy on an order for that product and applies the "could not verify"
 * rule in one place: a gate runs on whatever parts are available; if a part it reads is not, a
 * FAIL still stands (it rests on data we have) and any other result becomes COULD_NOT_VERIFY with
 * the reason the part could not be had. Nothing is ever silently passed. Built once; thread-safe.
 */
public final class GateEngine {

    /** A gate bound to its section of the policy, so the pair is type-checked once, here. */
    private record BoundGate<S extends GateSettings>(String id, GateDefinition<S> definition, GateTitles titles,
                                                     List<SourceClass> sources, Gate<S> gate, S settings,
                                                     Set<RecordPart> reads) {

        GateFinding evaluate(PatientRecord record, DraftOrder order, CodeIndex codes, ProductSettings product) {
            return gate.evaluate(new GateInput<>(record, order, codes, settings, product, id, sources));
        }
    }

    private final Policy policy;
    private final CodeIndex codes;
    private final List<BoundGate<?>> gates;
    private final PayerGate payerGate = new PayerGate();
    /** The payer gate's settings when the policy runs it: the coverage determination reads them. */
    private final PayerSettings payer;
    private final Set<RecordPart> partsRead;
    private final GateCatalog catalog;

    /**
     * @param policy read with the kinds of {@link Gates#ALL}
     */
    public GateEngine(Policy policy, CodeIndex codes) {
        this.policy = policy;
        this.codes = codes;
        this.payer = policy.find(PayerGate.DEFINITION).orElse(null);
        this.catalog = GateCatalog.of(policy);
        List<BoundGate<?>> enabled = new ArrayList<>();
        Set<RecordPart> parts = EnumSet.noneOf(RecordPart.class);
        for (PolicyGate entry : policy.entries()) {
            GateCatalog.Entry described = catalog.entry(entry.id()).orElseThrow();
            BoundGate<?> bound = bind(described, entry.settings(), policy);
            if (bound.settings().enabled()) {
                enabled.add(bound);
                parts.addAll(bound.reads());
            }
        }
        this.gates = List.copyOf(enabled);
        this.partsRead = Collections.unmodifiableSet(parts);
    }

    private static BoundGate<?> bind(GateCatalog.Entry entry, GateSettings settings, Policy policy) {
        return bind(entry, entry.kind(), settings, policy);
    }

    private static <S extends GateSettings> BoundGate<S> bind(GateCatalog.Entry entry, GateDefinition<S> kind,
                                                              GateSettings settings, Policy policy) {
        Gate<S> gate = kind.gate(policy);
        // Copied once into an EnumSet: the engine checks these parts on every call.
        Set<RecordPart> reads = gate.reads().isEmpty() ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(gate.reads()));
        return new BoundGate<>(entry.id(), kind, entry.titles(), entry.sources(), gate,
                kind.settingsType().cast(settings), reads);
    }

    public Policy policy() {
        return policy;
    }

    /** The record parts the enabled gates read: what the fetch layer needs to provide. */
    public Set<RecordPart> partsRead() {
        return partsRead;
    }

    /** How the policy names its gates. */
    public GateCatalog catalog() {
        return catalog;
    }

    /** The ids of the enabled gates, in policy order. */
    public List<String> enabledGateIds() {
        return gates.stream().map(BoundGate::id).toList();
    }

    public Assessment assess(PatientRecord record, DraftOrder order) {
        List<GateFinding> findings = new ArrayList<>(gates.size());
        for (BoundGate<?> bound : gates) {
            findings.add(run(bound, record, order));
        }
        return new Assessment(order, findings, coverage(record, order), policy.version(), policy.product(), catalog);
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
            result = bound.evaluate(record, order, codes, policy.product());
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

    private GateFinding couldNotVerify(BoundGate<?> bound, String reason, List<Evidence> evidence) {
        GateSettings settings = bound.settings();
        // Remedies are dropped: ordering a test that may already be on record would be wrong advice.
        return new GateFinding(bound.id(), GateStatus.COULD_NOT_VERIFY,
                settings.severities().of(GateStatus.COULD_NOT_VERIFY),
                "Could not verify the " + bound.titles().checks() + " for " + policy.product().name() + ": " + reason + ".",
                evidence, settings.source(), bound.sources(), List.of());
    }

    private CoverageDetermination coverage(PatientRecord record, DraftOrder order) {
        if (payer == null || !payer.enabled() || !record.isAvailable(RecordPart.COVERAGE)) {
            return null;
        }
        try {
            return payerGate.coverageDetermination(new GateInput<>(record, order, codes, payer, policy.product())).orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String partName(RecordPart part) {
        return part.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
