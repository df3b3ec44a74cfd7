package org.genegate.terminology;

import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.NamingSystem;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * Membership of codes in the shipped ValueSets, answered from memory so a gate costs microseconds
 * rather than a terminology-server round trip on the order-sign path. Every ValueSet lists its
 * concepts explicitly, so no expansion is needed. A code system is matched under every identifier its
 * shipped NamingSystem lists (e.g. HCPCS under five URIs and an OID), so the aliases live in that data
 * and nowhere else. Immutable and thread-safe once built.
 */
public final class CodeIndex {

    /** ValueSet URL → (system|code key → the ValueSet's coding with its display). */
    private final Map<String, Map<String, Coding>> valueSets;
    /** system|code key → display, from CodeSystems and ValueSet concepts. */
    private final Map<String, String> displays;
    private final SystemAliases aliases;

    private CodeIndex(Map<String, Map<String, Coding>> valueSets, Map<String, String> displays,
                      SystemAliases aliases) {
        this.valueSets = valueSets;
        this.displays = displays;
        this.aliases = aliases;
    }

    /** The index over this module's shipped resources. */
    public static CodeIndex load(FhirContext ctx) {
        return of(TerminologyResources.load(ctx));
    }

    /**
     * The index over the given resources (other resource types are ignored).
     *
     * @throws IllegalStateException when a ValueSet includes a whole system, another ValueSet, a
     *     filter or an exclude: this index cannot expand those, and guessing would let codes through
     */
    public static CodeIndex of(List<? extends Resource> resources) {
        SystemAliases aliases = SystemAliases.of(resources.stream()
                .filter(NamingSystem.class::isInstance).map(NamingSystem.class::cast).toList());
        Map<String, String> displays = new HashMap<>();
        for (Resource resource : resources) {
            if (resource instanceof CodeSystem codeSystem) {
                for (CodeSystem.ConceptDefinitionComponent concept : codeSystem.getConcept()) {
                    addDisplay(aliases, displays, codeSystem.getUrl(), concept.getCode(), concept.getDisplay());
                }
            }
        }
        Map<String, Map<String, Coding>> valueSets = new LinkedHashMap<>();
        for (Resource resource : resources) {
            if (resource instanceof ValueSet valueSet) {
                valueSets.put(valueSet.getUrl(), index(aliases, valueSet, displays));
            }
        }
        return new CodeIndex(Collections.unmodifiableMap(valueSets), Map.copyOf(displays), aliases);
    }

    /**
     * The URI GeneGate writes for a code system, given any identifier an EHR sends for it (another URI, an
     * {@code urn:oid:}); a system no NamingSystem lists is returned as sent, null as null.
     */
    public String canonicalSystem(String system) {
        return aliases.canonical(system);
    }

    /** Every identifier read as this code system (its canonical URI first), e.g. for tests and documentation. */
    public List<String> systemIdentifiers(String canonicalSystem) {
        return aliases.identifiers(canonicalSystem);
    }

    /** Whether the code of this system is in the ValueSet; false for a null system or code. */
    public boolean contains(String valueSetUrl, String system, String code) {
        Map<String, Coding> members = members(valueSetUrl);
        return find(members, system, code).isPresent();
    }

    /** Whether the coding is in the ValueSet; false for null. */
    public boolean contains(String valueSetUrl, Coding coding) {
        Map<String, Coding> members = members(valueSetUrl);
        return coding != null && find(members, coding.getSystem(), coding.getCode()).isPresent();
    }

    /**
     * The first of the concept's codings (in the record's order) that is in the ValueSet. The record's
     * own coding is returned, so a finding can cite exactly what was sent (e.g. which HCPCS URI).
     */
    public Optional<Coding> firstMatch(String valueSetUrl, CodeableConcept concept) {
        Map<String, Coding> members = members(valueSetUrl);
        if (concept == null) {
            return Optional.empty();
        }
        for (Coding coding : concept.getCoding()) {
            if (coding != null && find(members, coding.getSystem(), coding.getCode()).isPresent()) {
                return Optional.of(coding);
            }
        }
        return Optional.empty();
    }

    /**
     * The ValueSet's own coding for a code (any NDC spelling), with the extensions the ValueSet gives the
     * concept; empty when the code is not a member.
     */
    public Optional<Coding> member(String valueSetUrl, String system, String code) {
        return find(members(valueSetUrl), system, code).map(Coding::copy);
    }

    /** The ValueSet's codings in their listed order, with displays where the terminology has one. */
    public List<Coding> codes(String valueSetUrl) {
        List<Coding> copies = new ArrayList<>();
        for (Coding coding : members(valueSetUrl).values()) {
            copies.add(coding.copy());
        }
        return List.copyOf(copies);
    }

    /** The display of a code from any shipped CodeSystem or ValueSet; empty when none is verified. */
    public Optional<String> display(String system, String code) {
        if (system == null || code == null) {
            return Optional.empty();
        }
        for (String key : keys(aliases, system, code)) {
            String display = displays.get(key);
            if (display != null) {
                return Optional.of(display);
            }
        }
        return Optional.empty();
    }

    /** The ValueSet URLs this index knows. */
    public List<String> valueSetUrls() {
        return List.copyOf(valueSets.keySet());
    }

    private Map<String, Coding> members(String valueSetUrl) {
        Map<String, Coding> members = valueSetUrl == null ? null : valueSets.get(valueSetUrl);
        if (members == null) {
            // A misspelt URL must fail the caller's test, not quietly match nothing and pass orders.
            throw new IllegalArgumentException("Unknown ValueSet " + valueSetUrl);
        }
        return members;
    }

    private Optional<Coding> find(Map<String, Coding> members, String system, String code) {
        if (system == null || code == null) {
            return Optional.empty();
        }
        for (String key : keys(aliases, system, code)) {
            Coding coding = members.get(key);
            if (coding != null) {
                return Optional.of(coding);
            }
        }
        return Optional.empty();
    }

    private static Map<String, Coding> index(SystemAliases aliases, ValueSet valueSet, Map<String, String> displays) {
        String url = valueSet.getUrl();
        if (!valueSet.getCompose().getExclude().isEmpty()) {
            throw new IllegalStateException("ValueSet " + url + " uses compose.exclude, which CodeIndex cannot expand");
        }
        Map<String, Coding> members = new LinkedHashMap<>();
        for (ValueSet.ConceptSetComponent include : valueSet.getCompose().getInclude()) {
            if (!include.hasSystem() || !include.hasConcept() || include.hasFilter() || include.hasValueSet()) {
                throw new IllegalStateException("ValueSet " + url
                        + " must list its concepts explicitly (system + concept, no filter or valueSet)");
            }
            String system = include.getSystem();
            for (ValueSet.ConceptReferenceComponent concept : include.getConcept()) {
                String code = concept.getCode().strip();
                List<String> keys = keys(aliases, system, code);
                if (keys.size() != 1) {
                    throw new IllegalStateException("ValueSet " + url + " lists NDC " + code
                            + " as 10 digits without hyphens, which is ambiguous; write it hyphenated or as 11 digits");
                }
                addDisplay(aliases, displays, system, code, concept.getDisplay());
                String display = concept.hasDisplay() ? concept.getDisplay() : displays.get(keys.get(0));
                Coding coding = new Coding(system, code, display);
                // Facts a ValueSet carries about a concept (e.g. a kit's vial count) travel with its coding.
                concept.getExtension().forEach(e -> coding.addExtension(e.copy()));
                members.put(keys.get(0), coding);
            }
        }
        return Collections.unmodifiableMap(members);
    }

    private static void addDisplay(SystemAliases aliases, Map<String, String> displays, String system, String code,
                                   String display) {
        if (system == null || code == null || display == null || display.isBlank()) {
            return;
        }
        List<String> keys = keys(aliases, system, code.strip());
        if (keys.size() == 1) {
            displays.putIfAbsent(keys.get(0), display);
        }
    }

    /** Lookup keys of a code under its canonical system: NDCs by every 11-digit reading, everything else as written. */
    private static List<String> keys(SystemAliases aliases, String sentSystem, String code) {
        String system = aliases.canonical(sentSystem);
        String trimmed = code.strip();
        if (GeneGateTerminology.NDC.equals(system)) {
            List<String> candidates = Ndc.elevenDigitCandidates(trimmed);
            if (!candidates.isEmpty()) {
                List<String> keys = new ArrayList<>(candidates.size());
                for (String candidate : candidates) {
                    keys.add(key(system, candidate));
                }
                return keys;
            }
        }
        return List.of(key(system, trimmed));
    }

    private static String key(String system, String code) {
        return system + '|' + code;
    }
}
