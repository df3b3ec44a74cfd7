package org.genegate.server.fetch;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.rest.server.util.MatchUrlUtil;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.http.NameValuePair;
import org.genegate.fetch.FhirIds;
import org.genegate.fetch.FhirQueryException;

/**
 * Which queries of the store may be answered from the record cache, and under whose stamps they are first taken.
 *
 * <p>A result may be reused only while no write could have changed it, and a write is known only by the
 * compartments it touches. So: a read {@code Type/id} (its result changes only with that resource, whose owners
 * are stamped), and a search restricted to one patient's compartment by a parameter that gives membership in it
 * ({@code Observation?patient=X&code=...}, {@code Coverage?beneficiary=X}, {@code Patient?_id=X}): any resource
 * that could start or stop matching is in X's compartment, before or after the write. Likewise a search of a type
 * that is in no patient's compartment ({@code PractitionerRole?practitioner=P}, {@code Medication?code=...}): any
 * resource that could start or stop matching is outside every compartment. And a search by one {@code _id} of a
 * type in the Patient compartment ({@code Encounter?_id=E&_include=Encounter:location}) once it has found that
 * resource: only a write to it (stamped under the owners it had) changes what matches; when it finds nothing, the
 * owners of the resource that could appear are unknown, and the result is not kept. Parameters that look into
 * other resources are refused, as a write elsewhere changes their answer: chains and reverse chains
 * ({@code subject.name}, {@code _has}), modifiers ({@code code:in} reads a ValueSet), {@code _revinclude} (brings in
 * resources of any compartment), {@code _list} and the like. Any other search is not cached: a new match could
 * come from any compartment.
 */
final class CacheableQuery {

    /** Result parameters that select nothing outside the matches and their own references. */
    private static final Set<String> ALLOWED_SPECIAL_PARAMETERS =
            Set.of("_id", "_lastUpdated", "_sort", "_count", "_include");

    private final FhirContext fhirContext;

    CacheableQuery(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    /**
     * How a cacheable query's result is kept.
     *
     * @param ownersBeforeRunning   the owners whose stamps its result depends on whatever it returns (the owners of
     *                              what it returns are added to them)
     * @param emptyResultCacheable  false where only a resource the query finds says whose writes could change it
     */
    record Scope(Set<String> ownersBeforeRunning, boolean emptyResultCacheable) {
    }

    /** The query's scope, or empty when it is not cacheable. */
    Optional<Scope> scopeOf(String relativeQuery) {
        RelativeQuery query;
        try {
            query = RelativeQuery.parse(relativeQuery);
        } catch (FhirQueryException e) {
            return Optional.empty();
        }
        if (!fhirContext.getResourceTypes().contains(query.resourceType())) {
            return Optional.empty();
        }
        RuntimeResourceDefinition definition = fhirContext.getResourceDefinition(query.resourceType());
        if (query.isRead()) {
            // A read that finds nothing fails, and failures are not kept.
            return Optional.of(new Scope(ownersOfRead(definition, query.id()), true));
        }
        if (query.parameters().isEmpty()) {
            return Optional.empty();
        }
        List<NameValuePair> parameters;
        try {
            parameters = MatchUrlUtil.translateMatchUrl(query.matchUrl());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        String patient = null;
        boolean oneId = false;
        boolean includes = false;
        for (NameValuePair parameter : parameters) {
            String name = parameter.getName();
            if (name.contains(":") || name.contains(".")
                    || (name.startsWith("_") && !ALLOWED_SPECIAL_PARAMETERS.contains(name))) {
                return Optional.empty();
            }
            includes |= name.equals("_include");
            oneId |= name.equals("_id") && FhirIds.isId(parameter.getValue());
            String restrictedTo = patientRestrictedBy(definition, name, parameter.getValue());
            if (restrictedTo != null) {
                patient = restrictedTo;
            }
        }
        Set<String> owners = new TreeSet<>();
        boolean emptyResultCacheable = true;
        if (patient != null) {
            owners.add(patient);
        } else if (definition.getSearchParamsForCompartmentName("Patient").isEmpty()) {
            // A PractitionerRole, a Medication: whatever starts or stops matching is in no patient's compartment.
            owners.add(RecordOwners.OUTSIDE_EVERY_PATIENT);
        } else if (oneId) {
            emptyResultCacheable = false;
        } else {
            return Optional.empty();
        }
        if (includes) {
            // The payor of a Coverage, the location of an Encounter: mostly outside every compartment.
            owners.add(RecordOwners.OUTSIDE_EVERY_PATIENT);
        }
        return Optional.of(new Scope(Set.copyOf(owners), emptyResultCacheable));
    }

    private static Set<String> ownersOfRead(RuntimeResourceDefinition definition, String id) {
        if (definition.getName().equals("Patient")) {
            return Set.of(id);
        }
        if (definition.getSearchParamsForCompartmentName("Patient").isEmpty()) {
            return Set.of(RecordOwners.OUTSIDE_EVERY_PATIENT);
        }
        // In some compartment, known once read.
        return Set.of();
    }

    /**
     * A parameter of the Patient compartment, or one that reads only elements such a parameter reads:
     * {@code Observation?patient} is {@code Observation.subject} narrowed to Patients, and only {@code subject} is
     * named in the compartment definition.
     */
    private static boolean givesPatientCompartmentMembership(RuntimeResourceDefinition definition,
                                                             RuntimeSearchParam parameter) {
        Set<String> membership = parameter.getProvidesMembershipInCompartments();
        if (membership != null && membership.contains("Patient")) {
            return true;
        }
        Set<String> compartmentPaths = new TreeSet<>();
        for (RuntimeSearchParam compartmentParameter : definition.getSearchParamsForCompartmentName("Patient")) {
            compartmentParameter.getPathsSplit().forEach(path -> compartmentPaths.add(elementOf(path)));
        }
        List<String> paths = parameter.getPathsSplit();
        return !paths.isEmpty() && paths.stream().map(CacheableQuery::elementOf).allMatch(compartmentPaths::contains);
    }

    /** {@code Observation.subject.where(resolve() is Patient)} → {@code Observation.subject}. */
    private static String elementOf(String path) {
        String trimmed = path.trim();
        int where = trimmed.indexOf(".where(");
        return where < 0 ? trimmed : trimmed.substring(0, where);
    }

    /** The patient whose compartment this parameter restricts the search to, or null. */
    private static String patientRestrictedBy(RuntimeResourceDefinition definition, String name, String value) {
        if (value == null) {
            return null;
        }
        if (name.equals("_id")) {
            return definition.getName().equals("Patient") && FhirIds.isId(value) ? value : null;
        }
        RuntimeSearchParam parameter = definition.getSearchParam(name);
        if (parameter == null || !givesPatientCompartmentMembership(definition, parameter)) {
            return null;
        }
        if (value.startsWith("Patient/") && FhirIds.isId(value.substring("Patient/".length()))) {
            return value.substring("Patient/".length());
        }
        // A bare id names a Patient only where the parameter can point at nothing else (subject=X could be a Group).
        return parameter.getTargets().equals(Set.of("Patient")) && FhirIds.isId(value) ? value : null;
    }
}
