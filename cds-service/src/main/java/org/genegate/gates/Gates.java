package org.genegate.gates;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.genegate.findings.SourceClass;

/**
 * The gates the service knows, in the order they run and appear on every assessment (docs/gates.md; the
 * information "also at order time" last). This list is the one place a new gate is registered; the policy file
 * must then have the gate's section.
 */
public final class Gates {

    public static final List<GateDefinition<?>> ALL = List.of(
            AgeGate.DEFINITION,
            PriorGeneTherapyGate.DEFINITION,
            FixInhibitorGate.DEFINITION,
            NabAav5Gate.DEFINITION,
            DiagnosisGate.DEFINITION,
            FixActivityGate.DEFINITION,
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
            LiverSurveillanceGate.DEFINITION);

    private static final Map<String, GateDefinition<?>> BY_ID = byId();

    private Gates() {
    }

    private static Map<String, GateDefinition<?>> byId() {
        Map<String, GateDefinition<?>> byId = new LinkedHashMap<>();
        for (GateDefinition<?> definition : ALL) {
            if (byId.put(definition.id(), definition) != null) {
                throw new IllegalStateException("Two gates share the id " + definition.id());
            }
        }
        return Map.copyOf(byId);
    }

    /** The gate ids in running order. */
    public static List<String> ids() {
        return ALL.stream().map(GateDefinition::id).toList();
    }

    public static Optional<GateDefinition<?>> byId(String gateId) {
        return Optional.ofNullable(BY_ID.get(gateId));
    }

    /** Whether the gate joins the given card group; an id that is no gate joins none. */
    public static boolean inCardGroup(String gateId, CardGroup group) {
        return byId(gateId).map(d -> d.cardGroup() == group).orElse(false);
    }

    /** The source classes a gate's findings rest on by default; an id that is no gate is attributed to the team. */
    public static List<SourceClass> sources(String gateId) {
        return byId(gateId).map(GateDefinition::sources).orElse(List.of(SourceClass.TEAM_DEFAULT));
    }

    /** The gate's card title; an id that is no gate (e.g. a notice about the order itself) stands for itself. */
    public static String title(String gateId) {
        return byId(gateId).map(d -> d.titles().title()).orElse(gateId);
    }

    /** The gate's few words for a card summary, or the id itself. */
    public static String summary(String gateId) {
        return byId(gateId).map(d -> d.titles().summary()).orElse(gateId);
    }
}
