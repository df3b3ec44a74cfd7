package org.genegate.gates;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.genegate.findings.SourceClass;
import org.genegate.policy.GateTitles;
import org.genegate.policy.Policy;
import org.genegate.policy.PolicyGate;

/**
 * The gates one product's policy runs, by gate id: how each is named, which card it joins and the source classes its
 * findings rest on. Cards, the readiness report and the claim check name findings through it, so a gate run under
 * a product's own id (e.g. {@code fviii-activity} of the factor-activity kind) is named as the policy names it.
 */
public final class GateCatalog {

    /**
     * One gate as it runs for a product.
     *
     * @param id     the policy's gate id
     * @param kind   the gate kind whose rule it applies
     * @param titles  the policy's titles for it, else the kind's
     * @param sources the source classes its findings rest on unless a finding names others: the policy's for
     *                it, else the kind's
     */
    public record Entry(String id, GateDefinition<?> kind, GateTitles titles, List<SourceClass> sources) {

        public CardGroup cardGroup() {
            return kind.cardGroup();
        }
    }

    private final Map<String, Entry> entries;

    private GateCatalog(Map<String, Entry> entries) {
        this.entries = entries;
    }

    /** The gates of the policy, each resolved to its kind among {@link Gates#ALL}. */
    public static GateCatalog of(Policy policy) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (PolicyGate gate : policy.entries()) {
            GateDefinition<?> kind = Gates.kind(gate.kind()).orElseThrow(() -> new IllegalArgumentException(
                    "The policy's gate " + gate.id() + " is of the unknown kind " + gate.kind()));
            entries.put(gate.id(), new Entry(gate.id(), kind, gate.titles().orElse(kind.titles()),
                    gate.sourceClasses().orElse(kind.sources())));
        }
        return new GateCatalog(Map.copyOf(entries));
    }

    public Optional<Entry> entry(String gateId) {
        return Optional.ofNullable(entries.get(gateId));
    }

    /** Whether the gate joins the given card group; an id that is no gate of the policy joins none. */
    public boolean inCardGroup(String gateId, CardGroup group) {
        return entry(gateId).map(e -> e.cardGroup() == group).orElse(false);
    }

    /** The source classes a gate's findings rest on by default; an id that is no gate is attributed to the team. */
    public List<SourceClass> sources(String gateId) {
        return entry(gateId).map(Entry::sources).orElse(List.of(SourceClass.TEAM_DEFAULT));
    }

    /** The gate's card title; an id that is no gate (e.g. a notice about the order itself) stands for itself. */
    public String title(String gateId) {
        return entry(gateId).map(e -> e.titles().title()).orElse(gateId);
    }

    /** The gate's few words for a card summary, or the id itself. */
    public String summary(String gateId) {
        return entry(gateId).map(e -> e.titles().summary()).orElse(gateId);
    }
}
