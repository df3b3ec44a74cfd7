package org.genegate.server.security;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizationInterceptor;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRule;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderRuleOp;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderRuleOpClassifier;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleFinished;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleTester;
import ca.uhn.fhir.rest.server.interceptor.auth.RuleBuilder;
import java.util.List;
import java.util.Set;
import org.genegate.server.claims.ClaimCheckOperationProvider;
import org.genegate.server.coordinator.MonitoringStatusOperationProvider;
import org.genegate.server.coordinator.WorklistOperationProvider;
import org.genegate.server.readiness.ReadinessOperationProvider;
import org.genegate.server.security.SmartScope.Permission;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;

/**
 * Turns a token's SMART scopes into HAPI authorization rules; whatever no rule allows is a 403.
 *
 * <ul>
 *   <li>read or search ({@code .read}, {@code r}, {@code s}) → HAPI's read rule, which covers both: a search
 *       by {@code _id} is a read, so the two cannot be told apart safely;</li>
 *   <li>{@code c} → create (of AuditEvent: {@code system/} scopes only); {@code u} → update (a create
 *       through update only with {@code c} too);
 *       {@code d} → delete; {@code .write} = c, u and d;</li>
 *   <li>{@code patient/} scopes → only resources in the launch patient's compartment, plus reading shared
 *       reference data (practitioners, organizations, terminology...) the scope names;</li>
 *   <li>{@code user/} and {@code system/} scopes → every resource of the type: GeneGate keeps no per-user
 *       access lists;</li>
 *   <li>transactions and batches are allowed to tokens that may write, each entry checked by these rules;
 *       terminology operations ($expand, $validate-code, $lookup, $translate) and type-level $validate to
 *       every token with a scope;</li>
 *   <li>{@code Patient/{id}/$j1411-readiness} and {@code Patient/{id}/$monitoring-status} to a token that may read
 *       that Patient; {@code Patient/$hemgenix-worklist} (every patient of the clinic) to a user- or system-level
 *       token that may read Patient; {@code Claim/$j1411-check} to a user- or system-level token that may read
 *       Claim.</li>
 * </ul>
 */
final class SmartAuthorizationInterceptor extends AuthorizationInterceptor {

    /** Resources about no patient in particular that a patient-level scope naming them may read. */
    static final Set<String> SHARED_REFERENCE_TYPES = Set.of("Practitioner", "PractitionerRole", "Organization",
            "Location", "HealthcareService", "Medication", "ValueSet", "CodeSystem", "ConceptMap",
            "StructureDefinition");
    private static final List<String> PATIENT_OPERATIONS = List.of(ReadinessOperationProvider.OPERATION,
            MonitoringStatusOperationProvider.OPERATION);
    private static final String WORKLIST = WorklistOperationProvider.OPERATION;
    private static final String CLAIM_CHECK = ClaimCheckOperationProvider.OPERATION;
    private static final List<String> TERMINOLOGY_OPERATIONS = List.of("$expand", "$validate-code", "$lookup",
            "$translate");
    private static final IAuthRuleTester NOT_A_CREATE = new IAuthRuleTester() {
        @Override
        public boolean matches(RuleTestRequest request) {
            return request.operation != RestOperationTypeEnum.CREATE;
        }
    };

    /**
     * Audit events are written by other servers of the deployment (a hook tier sending its decisions), never by an
     * app on behalf of a user or patient: only system-level scopes may create them.
     */
    private static final IAuthRuleTester NOT_AN_AUDIT_EVENT = new IAuthRuleTester() {
        @Override
        public boolean matches(RuleTestRequest request) {
            String type = request.resource != null ? request.requestDetails.getFhirContext()
                    .getResourceType(request.resource)
                    : request.resourceId != null ? request.resourceId.getResourceType()
                    : request.requestDetails.getResourceName();
            return !"AuditEvent".equals(type);
        }
    };

    @Override
    public List<IAuthRule> buildRuleList(RequestDetails request) {
        RuleBuilder rules = new RuleBuilder();
        rules.allow("metadata").metadata();
        SmartAccess access = SmartAccess.of(request);
        if (access == null) {
            return rules.denyAll("A SMART access token is needed").build();
        }
        IdType patient = access.patientId() == null ? null : new IdType("Patient", access.patientId());
        boolean writes = false;
        for (SmartScope scope : access.scopes()) {
            if (scope.context() == SmartScope.Context.PATIENT && patient == null) {
                continue; // a patient-level scope without a launch patient reaches no one
            }
            if (scope.allowsAny(Permission.READ, Permission.SEARCH)) {
                grant(scope, patient, rules.allow(scope.label() + " read").read(), null);
                if (scope.context() == SmartScope.Context.PATIENT) {
                    shareReferenceData(scope, rules);
                }
            }
            IAuthRuleTester auditEvents = scope.context() == SmartScope.Context.SYSTEM ? null : NOT_AN_AUDIT_EVENT;
            if (scope.permissions().contains(Permission.CREATE)) {
                grant(scope, patient, rules.allow(scope.label() + " create").create(), auditEvents);
            }
            if (scope.permissions().contains(Permission.UPDATE)) {
                // HAPI's write rule covers creates too.
                grant(scope, patient, rules.allow(scope.label() + " update").write(), allOf(auditEvents,
                        scope.permissions().contains(Permission.CREATE) ? null : NOT_A_CREATE));
            }
            if (scope.permissions().contains(Permission.DELETE)) {
                grant(scope, patient, rules.allow(scope.label() + " delete").delete(), null);
            }
            writes |= scope.allowsAny(Permission.CREATE, Permission.UPDATE, Permission.DELETE);
        }
        if (writes) {
            rules.allow("transaction").transaction().withAnyOperation().andApplyNormalRules();
        }
        grantGeneGateOperations(access, patient, rules);
        if (!access.scopes().isEmpty()) {
            for (String operation : TERMINOLOGY_OPERATIONS) {
                rules.allow(operation).operation().named(operation).atAnyLevel().andAllowAllResponses();
            }
            rules.allow("$validate").operation().named("$validate").onAnyType().andAllowAllResponses();
        }
        return rules.denyAll("The token's SMART scopes do not allow this request").build();
    }

    /**
     * The readiness checklist and the monitoring status read a patient's record: a token that may read that
     * Patient may run them (a patient scope on its launch patient only). The worklist reads every patient's: user-
     * or system-level read of Patient. The claim check reads claims and records of any patient: user- or
     * system-level read of Claim. Both run their record queries as the system, so these rules are their gate.
     */
    private static void grantGeneGateOperations(SmartAccess access, IdType patient, RuleBuilder rules) {
        for (SmartScope scope : access.scopes()) {
            if (!scope.allowsAny(Permission.READ, Permission.SEARCH)) {
                continue;
            }
            boolean patients = "*".equals(scope.resourceType()) || "Patient".equals(scope.resourceType());
            for (String operation : PATIENT_OPERATIONS) {
                if (patients && scope.context() == SmartScope.Context.PATIENT && patient != null) {
                    rules.allow(scope.label() + " " + operation).operation().named(operation).onInstance(patient)
                            .andAllowAllResponses();
                } else if (patients && scope.context() != SmartScope.Context.PATIENT) {
                    rules.allow(scope.label() + " " + operation).operation().named(operation)
                            .onInstancesOfType(Patient.class).andAllowAllResponses();
                }
            }
            if (patients && scope.context() != SmartScope.Context.PATIENT) {
                rules.allow(scope.label() + " " + WORKLIST).operation().named(WORKLIST).onType(Patient.class)
                        .andAllowAllResponses();
            }
            boolean claims = "*".equals(scope.resourceType()) || "Claim".equals(scope.resourceType());
            if (claims && scope.context() != SmartScope.Context.PATIENT) {
                rules.allow(scope.label() + " " + CLAIM_CHECK).operation().named(CLAIM_CHECK).onType(Claim.class)
                        .andAllowAllResponses();
            }
        }
    }

    private static IAuthRuleTester allOf(IAuthRuleTester first, IAuthRuleTester second) {
        if (first == null || second == null) {
            return first == null ? second : first;
        }
        return new IAuthRuleTester() {
            @Override
            public boolean matches(RuleTestRequest request) {
                return first.matches(request) && second.matches(request);
            }
        };
    }

    private static void grant(SmartScope scope, IdType patient, IAuthRuleBuilderRuleOp op, IAuthRuleTester tester) {
        IAuthRuleBuilderRuleOpClassifier target = "*".equals(scope.resourceType())
                ? op.allResources() : op.resourcesOfType(scope.resourceType());
        IAuthRuleFinished rule = scope.context() == SmartScope.Context.PATIENT
                ? target.inCompartment("Patient", patient) : target.withAnyId();
        if (tester != null) {
            rule.withTester(tester);
        }
    }

    private static void shareReferenceData(SmartScope scope, RuleBuilder rules) {
        for (String type : SHARED_REFERENCE_TYPES) {
            if ("*".equals(scope.resourceType()) || type.equals(scope.resourceType())) {
                rules.allow(scope.label() + " read " + type).read().resourcesOfType(type).withAnyId();
            }
        }
    }
}
