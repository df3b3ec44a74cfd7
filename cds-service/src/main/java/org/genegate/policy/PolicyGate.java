package org.genegate.policy;

import java.util.Objects;
import java.util.Optional;

/**
 * One gate a policy runs: its id (the key of its section under {@code gates}), the gate kind whose rule it applies
 * (the section's {@code kind:}, by default the id itself), its settings and, when the section names it so, its own
 * titles.
 *
 * @param titles the section's {@code titles:}; empty when the gate keeps its kind's titles
 */
public record PolicyGate(String id, String kind, GateSettings settings, Optional<GateTitles> titles) {

    public PolicyGate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(titles, "titles");
    }
}
