package org.genegate.policy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The versioned policy: every gate's settings, keyed by gate id in the order the gates run, the links the cards
 * carry and the sections that are no gate's. Load it with {@link PolicyLoader}; it is immutable and safe to share
 * between threads.
 *
 * @param version    the policy version, echoed on every assessment so a card can say which rules it applied
 * @param product    the gene therapy the policy is for: its name and billing code
 * @param gates      each gate's settings by gate id, in the order of the gate sections it was read with
 * @param links      links every payer card carries (manufacturer support, HTC directory)
 * @param monitoring after the infusion: the monitoring plan's schedule and the patient-view thresholds
 * @param claim      the claim check's payer-dependent settings
 */
public record Policy(String version,
                     ProductSettings product,
                     Map<String, GateSettings> gates,
                     List<Link> links,
                     MonitoringSettings monitoring,
                     ClaimSettings claim) {

    public Policy {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(monitoring, "monitoring");
        Objects.requireNonNull(claim, "claim");
        gates = Collections.unmodifiableMap(new LinkedHashMap<>(gates));
        links = List.copyOf(links);
    }

    /** One gate's settings, typed by its section; a gate the policy was not read with is a programming error. */
    public <S extends GateSettings> S settings(GateSection<S> section) {
        GateSettings settings = gates.get(section.id());
        if (settings == null) {
            throw new IllegalArgumentException("The policy was not read with the gate " + section.id());
        }
        return section.settingsType().cast(settings);
    }

    public Optional<GateSettings> gate(String gateId) {
        return Optional.ofNullable(gates.get(gateId));
    }
}
