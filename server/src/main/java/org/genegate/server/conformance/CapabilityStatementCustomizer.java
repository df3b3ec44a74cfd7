package org.genegate.server.conformance;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import java.util.List;
import java.util.Map;
import org.genegate.profiles.GeneGateProfiles;
import org.genegate.server.audit.AuditEventResourceProvider;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;

/**
 * Adds to the generated CapabilityStatement what the JPA server cannot know: the GeneGate profiles each
 * resource type supports ({@code supportedProfile}), and the searches AuditEvent (the audit table) answers.
 *
 * <p>It deliberately does not {@code instantiate} the US Core 3.1.1 server CapabilityStatement: that one
 * requires the {@code DocumentReference/$docref} operation (SHALL), which this server does not implement,
 * and a 401 for unauthorized requests, which only the security profile gives. Claiming it would send a
 * US Core client to operations that are not there.
 */
@Interceptor
public class CapabilityStatementCustomizer {

    /** Resource type → the GeneGate profiles of that type. */
    static final Map<String, List<String>> SUPPORTED_PROFILES = Map.of(
            "Observation", List.of(GeneGateProfiles.AAV5_NAB_TITER, GeneGateProfiles.FIX_ACTIVITY,
                    GeneGateProfiles.FIX_INHIBITOR),
            "MedicationRequest", List.of(GeneGateProfiles.J1411_MEDICATION_REQUEST),
            "CarePlan", List.of(GeneGateProfiles.MONITORING_CARE_PLAN));

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void customize(IBaseConformance generated) {
        CapabilityStatement statement = (CapabilityStatement) generated;
        for (CapabilityStatement.CapabilityStatementRestComponent rest : statement.getRest()) {
            for (CapabilityStatement.CapabilityStatementRestResourceComponent resource : rest.getResource()) {
                if ("AuditEvent".equals(resource.getType())) {
                    onlyAuditTableSearches(resource);
                }
                for (String profile : SUPPORTED_PROFILES.getOrDefault(resource.getType(), List.of())) {
                    boolean listed = resource.getSupportedProfile().stream()
                            .anyMatch(p -> profile.equals(p.getValue()));
                    if (!listed) {
                        resource.addSupportedProfile(profile);
                    }
                }
            }
        }
    }

    /**
     * The JPA flavour lists every search parameter HAPI knows for a type; AuditEvent is answered by the audit table,
     * which supports fewer, and no _include / _revinclude.
     */
    private static void onlyAuditTableSearches(CapabilityStatement.CapabilityStatementRestResourceComponent resource) {
        resource.getSearchParam().removeIf(param -> !AuditEventResourceProvider.SEARCH_PARAM_NAMES
                .contains(param.getName()));
        resource.getSearchInclude().clear();
        resource.getSearchRevInclude().clear();
    }
}
