package org.genegate.terminology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.NamingSystem;

/**
 * The identifiers EHRs send for one code system (https: and http: URIs, other publishers' URIs, the OID as
 * {@code urn:oid:}), read from the shipped NamingSystem resources: each maps to the NamingSystem's preferred URI,
 * which is the one GeneGate writes and its ValueSets list.
 */
final class SystemAliases {

    private static final String OID_PREFIX = "urn:oid:";

    /** identifier → canonical URI. */
    private final Map<String, String> canonical;
    /** canonical URI → every identifier, canonical first. */
    private final Map<String, List<String>> identifiers;

    private SystemAliases(Map<String, String> canonical, Map<String, List<String>> identifiers) {
        this.canonical = canonical;
        this.identifiers = identifiers;
    }

    /**
     * @throws IllegalStateException when a NamingSystem has no preferred URI, or one identifier is claimed by two
     *     code systems: a coding must never match the codes of a system it does not belong to
     */
    static SystemAliases of(List<NamingSystem> namingSystems) {
        Map<String, String> canonical = new HashMap<>();
        Map<String, List<String>> identifiers = new LinkedHashMap<>();
        for (NamingSystem namingSystem : namingSystems) {
            if (namingSystem.getKind() != NamingSystem.NamingSystemType.CODESYSTEM) {
                continue;
            }
            String preferred = namingSystem.getUniqueId().stream()
                    .filter(id -> id.getType() == NamingSystem.NamingSystemIdentifierType.URI && id.getPreferred())
                    .map(NamingSystem.NamingSystemUniqueIdComponent::getValue).findFirst()
                    .orElseThrow(() -> new IllegalStateException("NamingSystem " + namingSystem.getName()
                            + " has no preferred URI"));
            List<String> all = new ArrayList<>();
            all.add(preferred);
            for (NamingSystem.NamingSystemUniqueIdComponent id : namingSystem.getUniqueId()) {
                String identifier = switch (id.getType()) {
                    case URI -> id.getValue();
                    case OID -> OID_PREFIX + id.getValue();
                    default -> null;
                };
                if (identifier == null || all.contains(identifier) && !identifier.equals(preferred)) {
                    continue;
                }
                String earlier = canonical.putIfAbsent(identifier, preferred);
                if (earlier != null && !earlier.equals(preferred)) {
                    throw new IllegalStateException("System identifier " + identifier + " is claimed by both "
                            + earlier + " and " + preferred);
                }
                if (!all.contains(identifier)) {
                    all.add(identifier);
                }
            }
            identifiers.put(preferred, List.copyOf(all));
        }
        return new SystemAliases(Map.copyOf(canonical), Map.copyOf(identifiers));
    }

    /** The canonical URI of a sent system (surrounding blanks ignored); unknown systems as sent, null as null. */
    String canonical(String system) {
        if (system == null) {
            return null;
        }
        String trimmed = system.strip();
        return canonical.getOrDefault(trimmed, trimmed);
    }

    List<String> identifiers(String canonicalSystem) {
        return identifiers.getOrDefault(canonicalSystem, List.of(canonicalSystem));
    }
}
