package org.genegate.policy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The versioned policy of one product: the gates it runs with their settings, in the order they run, the links the
 * cards carry and the sections that are no gate's. Load it with {@link PolicyLoader}; it is immutable and safe to
 * share between threads. A gate the file does not list does not run for the product.
 *
 * @param version    the policy version, echoed on every assessment so a card can say which rules it applied
 * @param product    the gene therapy the policy is for: its names, billing code and the codes that recognise it
 * @param entries    the gates the policy runs, in the order of their sections
 * @param links      links every payer card carries (manufacturer support, HTC directory)
 * @param monitoring after the infusion: the monitoring plan's schedule and the patient-view thresholds
 * @param claim      the claim check's payer-dependent settings
 */
public record Policy(String version,
                     ProductSettings product,
                     List<PolicyGate> entries,
                     List<Link> links,
                     MonitoringSettings monitoring,
                     ClaimSettings claim) {

    public Policy {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(monitoring, "monitoring");
        Objects.requireNonNull(claim, "claim");
        entries = List.copyOf(entries);
        links = List.copyOf(links);
    }

    /** Each gate's settings by gate id, in running order. */
    public Map<String, GateSettings> gates() {
        Map<String, GateSettings> gates = new LinkedHashMap<>();
        entries.forEach(e -> gates.put(e.id(), e.settings()));
        return Collections.unmodifiableMap(gates);
    }

    /**
     * The settings of the policy's (first) gate of this kind, typed by the kind; a policy that runs no gate of the
     * kind is a programming error here (use {@link #find(GateSection)} where a product may leave the gate out).
     */
    public <S extends GateSettings> S settings(GateSection<S> kind) {
        return find(kind).orElseThrow(() -> new IllegalArgumentException(
                "The policy of " + product.name() + " runs no gate " + kind.id()));
    }

    /** The settings of the policy's (first) gate of this kind, if it runs one. */
    public <S extends GateSettings> Optional<S> find(GateSection<S> kind) {
        return entries.stream().filter(e -> e.kind().equals(kind.id())).findFirst()
                .map(e -> kind.settingsType().cast(e.settings()));
    }

    public Optional<GateSettings> gate(String gateId) {
        return entries.stream().filter(e -> e.id().equals(gateId)).findFirst().map(PolicyGate::settings);
    }
}
