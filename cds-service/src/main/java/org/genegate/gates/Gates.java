package org.genegate.gates;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gate kinds the service knows (docs/gates-howto.md). This list is the one place a new kind is registered; a
 * product's policy file then runs it by listing a section of that kind. The order here is the order of the shipped
 * Hemgenix policy, which lists every kind but the ones only other products need.
 */
public final class Gates {

    public static final List<GateDefinition<?>> ALL = List.of(
            AgeGate.DEFINITION,
            PriorGeneTherapyGate.DEFINITION,
            FactorInhibitorGate.DEFINITION,
            NabAav5Gate.DEFINITION,
            DiagnosisGate.DEFINITION,
            FactorActivityGate.DEFINITION,
            ProphylaxisOrBleedsGate.DEFINITION,
            InfectionsGate.DEFINITION,
            BaselineLiverGate.DEFINITION,
            MonitoringPlanGate.DEFINITION,
            WeightAndDoseGate.DEFINITION,
            SiteOfCareGate.DEFINITION,
            PrescriberGate.DEFINITION,
            CodingGate.DEFINITION,
            PayerGate.DEFINITION,
            OrderNotesGate.DEFINITION,
            LiverSurveillanceGate.DEFINITION,
            Aav5TotalAntibodyGate.DEFINITION);

    private static final Map<String, GateDefinition<?>> BY_ID = byId();

    private Gates() {
    }

    private static Map<String, GateDefinition<?>> byId() {
        Map<String, GateDefinition<?>> byId = new LinkedHashMap<>();
        for (GateDefinition<?> definition : ALL) {
            if (byId.put(definition.id(), definition) != null) {
                throw new IllegalStateException("Two gate kinds share the id " + definition.id());
            }
        }
        return Map.copyOf(byId);
    }

    /** The kind ids in registration order. */
    public static List<String> ids() {
        return ALL.stream().map(GateDefinition::id).toList();
    }

    public static Optional<GateDefinition<?>> kind(String kindId) {
        return Optional.ofNullable(BY_ID.get(kindId));
    }

    /** The kind whose settings these are (each kind has its own settings type). */
    static GateDefinition<?> kindOf(Object settings) {
        return ALL.stream().filter(d -> d.settingsType().isInstance(settings)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No gate kind has the settings "
                        + settings.getClass().getSimpleName()));
    }
}
