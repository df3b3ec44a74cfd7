package org.genegate.gates;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.genegate.findings.SourceClass;
import org.genegate.policy.GateSection;
import org.genegate.policy.GateTitles;
import org.genegate.policy.GateSettings;
import org.genegate.policy.Policy;
import org.genegate.policy.PolicyNode;

/**
 * A gate kind: everything the service knows about one rule besides the rule itself: its id (the {@code kind:} of a
 * policy section, and the section key when a policy runs the kind under its own id), how it is named on cards unless
 * the policy names it otherwise, which card it joins, how its policy section is read and how the gate is made. Each
 * gate class holds its definition as {@code DEFINITION}; {@link Gates#ALL} lists them.
 *
 * @param id           the kind id, e.g. {@code nab-aav5}
 * @param titles       how the gate is named for a clinician
 * @param cardGroup    which card its non-critical findings join
 * @param sources      the source classes its findings rest on unless a finding names others (e.g. the
 *                     inhibitor gate's history finding rests on payer policy, its positive-test finding on the label)
 * @param settingsType the settings type, so the policy hands out the gate's settings typed
 * @param reader       reads and validates the gate's policy section strictly
 * @param factory      makes the gate from the whole policy (a gate may read another gate's settings)
 * @param <S>          the gate's settings
 */
public record GateDefinition<S extends GateSettings>(String id, GateTitles titles, CardGroup cardGroup,
                                                     List<SourceClass> sources, Class<S> settingsType,
                                                     Function<PolicyNode, S> reader,
                                                     Function<Policy, Gate<S>> factory) implements GateSection<S> {

    public GateDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(titles, "titles");
        Objects.requireNonNull(cardGroup, "cardGroup");
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("Gate " + id + " names no source class");
        }
        sources = List.copyOf(sources);
        Objects.requireNonNull(settingsType, "settingsType");
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(factory, "factory");
    }

    @Override
    public S read(PolicyNode section) {
        return reader.apply(section);
    }

    /** The gate, made for this policy. */
    public Gate<S> gate(Policy policy) {
        return factory.apply(policy);
    }
}
