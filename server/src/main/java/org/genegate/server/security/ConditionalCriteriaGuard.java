package org.genegate.server.security;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.util.UrlUtil;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;

/**
 * The criteria of a conditional create ({@code If-None-Exist}), update, patch or delete, alone or in a batch or
 * transaction entry, may name no patient but the token's own. HAPI's narrowing then adds the token's patient; left
 * alone, it would quietly rewrite {@code subject=Patient/<B>} into a search of the token's patient, and the
 * request would go on as if the client had asked about its own record. Criteria that name the token's patient
 * ({@code identifier=...&patient=Patient/<A>}, {@code subject=Patient/<A>&code=...}) pass untouched; chains and
 * criteria naming no patient are left to the narrowing.
 *
 * <p>A value names a patient when it is a reference parameter that can point to a Patient and the value is
 * {@code Patient/<id>}, a URL ending in it, or a bare id ({@code patient=<id>}, {@code subject:Patient=<id>}).
 */
@Interceptor
final class ConditionalCriteriaGuard {

    /** Before HAPI's SearchNarrowingInterceptor (order 0) on the same pointcut: it rewrites the criteria. */
    private static final int BEFORE_SEARCH_NARROWING = -50;
    private static final String PATIENT = "Patient";

    private final FhirContext fhirContext;

    ConditionalCriteriaGuard(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = BEFORE_SEARCH_NARROWING)
    public void checkCriteria(RequestDetails request, RestOperationTypeEnum operation) {
        String patient = PatientWriteGuard.patientOnlyToken(request);
        if (patient == null || operation == null) {
            return;
        }
        switch (operation) {
            case CREATE -> check(request.getResourceName(), request.getHeader("If-None-Exist"), patient);
            case UPDATE, PATCH, DELETE -> check(request.getResourceName(), request.getConditionalUrl(operation),
                    patient);
            case TRANSACTION -> {
                if (request.getResource() instanceof Bundle bundle) {
                    bundle.getEntry().forEach(entry -> checkEntry(entry, patient));
                }
            }
            default -> {
                // reads and searches are narrowed, and refused when they name another patient, by HAPI
            }
        }
    }

    private void checkEntry(Bundle.BundleEntryComponent entry, String patient) {
        Bundle.BundleEntryRequestComponent request = entry.getRequest();
        String url = request.getUrl();
        String type = entry.getResource() != null ? entry.getResource().fhirType()
                : url == null ? null : url.replaceFirst("[/?].*$", "");
        check(type, request.getIfNoneExist(), patient);
        if (url != null && url.contains("?")) {
            check(type, url, patient);
        }
    }

    private void check(String type, String criteria, String patient) {
        if (type == null || criteria == null || criteria.isBlank()
                || !fhirContext.getResourceTypes().contains(type)) {
            return;
        }
        RuntimeResourceDefinition definition = fhirContext.getResourceDefinition(type);
        String query = criteria.contains("?") ? criteria.substring(criteria.indexOf('?') + 1) : criteria;
        for (Map.Entry<String, String[]> parameter : UrlUtil.parseQueryString(query).entrySet()) {
            String[] nameAndModifier = parameter.getKey().split(":", 2);
            if (nameAndModifier[0].contains(".")) {
                continue; // a chain: narrowed to the token's patient with the rest of the criteria
            }
            RuntimeSearchParam searchParam = definition.getSearchParam(nameAndModifier[0]);
            if (searchParam == null || searchParam.getParamType() != RestSearchParameterTypeEnum.REFERENCE
                    || !(searchParam.getTargets().isEmpty() || searchParam.getTargets().contains(PATIENT))) {
                continue;
            }
            String modifier = nameAndModifier.length > 1 ? nameAndModifier[1] : null;
            if (modifier != null && !PATIENT.equals(modifier)) {
                continue; // another target type (subject:Group=...), or :missing, :identifier
            }
            for (String values : parameter.getValue()) {
                for (String value : values.split(",")) {
                    String named = namedPatient(value.trim());
                    if (named != null && !named.equals(patient)) {
                        throw new ForbiddenOperationException(PatientReadGuard.REFUSAL
                                + ": conditional criteria may name no other patient");
                    }
                }
            }
        }
    }

    /** The patient id a reference value names: {@code Patient/<id>}, {@code <base>/Patient/<id>} or a bare id. */
    private static String namedPatient(String value) {
        int slash = value.lastIndexOf('/');
        if (slash < 0) {
            return value.isEmpty() ? null : value;
        }
        String before = value.substring(0, slash);
        return before.equals(PATIENT) || before.endsWith("/" + PATIENT) ? value.substring(slash + 1) : null;
    }
}
