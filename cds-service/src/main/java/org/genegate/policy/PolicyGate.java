package org.genegate.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.genegate.findings.SourceClass;

/**
 * One gate a policy runs: its id (the key of its section under {@code gates}), the gate kind whose rule it applies
 * (the section's {@code kind:}, by default the id itself), its settings and, when the section names it so, its own
 * titles.
 *
 * @param titles        the section's {@code titles:}; empty when the gate keeps its kind's titles
 * @param sourceClasses the section's {@code sourceClasses:}; empty when the gate's findings rest on its kind's
 */
public record PolicyGate(String id, String kind, GateSettings settings, Optional<GateTitles> titles,
                         Optional<List<SourceClass>> sourceClasses) {

    public PolicyGate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(titles, "titles");
        Objects.requireNonNull(sourceClasses, "sourceClasses");
    }
}
