package org.genegate.server.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.SearchParameter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Every audited read stores one AuditEvent, and HAPI writes an index row for every search parameter the event's
 * values fill. The AuditEvent parameters nobody searches are retired at start-up (a stored SearchParameter with
 * the built-in's URL and status {@code retired} replaces the built-in, and HAPI stops indexing it), so each event
 * costs fewer rows. Kept: {@value #KEPT_LIST}, the ones the audit documentation and the BALP queries use, and the
 * parameters of every resource ({@code _id}, {@code _lastUpdated}...).
 */
@Component
@Order(0)
public class AuditEventSearchParameters implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AuditEventSearchParameters.class);
    static final String KEPT_LIST = "patient, entity, entity-name, date, agent, type, subtype, outcome, source";
    static final Set<String> KEPT = Set.of(KEPT_LIST.split(", "));
    private static final String ID_PREFIX = "genegate-retired-auditevent-";

    private final FhirContext fhirContext;
    private final IFhirResourceDao<SearchParameter> searchParameters;
    private final ISearchParamRegistry registry;

    public AuditEventSearchParameters(FhirContext fhirContext, DaoRegistry daoRegistry,
                                      ISearchParamRegistry registry) {
        this.fhirContext = fhirContext;
        this.searchParameters = daoRegistry.getResourceDao(SearchParameter.class);
        this.registry = registry;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<RuntimeSearchParam> retire = fhirContext.getResourceDefinition("AuditEvent").getSearchParams().stream()
                .filter(param -> !param.getName().startsWith("_") && !KEPT.contains(param.getName())).toList();
        int stored = 0;
        for (RuntimeSearchParam param : retire) {
            if (!alreadyRetired(param)) {
                searchParameters.update(retired(param), new SystemRequestDetails());
                stored++;
            }
        }
        if (stored > 0) {
            registry.forceRefresh();
        }
        log.info("AuditEvent search parameters: {} kept, {} retired ({} newly)", KEPT_LIST, retire.size(), stored);
    }

    private boolean alreadyRetired(RuntimeSearchParam param) {
        try {
            SearchParameter existing = searchParameters.read(new IdType("SearchParameter", id(param)),
                    new SystemRequestDetails());
            return existing.getStatus() == Enumerations.PublicationStatus.RETIRED;
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return false;
        }
    }

    private SearchParameter retired(RuntimeSearchParam param) {
        SearchParameter parameter = new SearchParameter();
        parameter.setId(id(param));
        parameter.setUrl(param.getUri());
        parameter.setName(param.getName());
        parameter.setCode(param.getName());
        parameter.addBase("AuditEvent");
        parameter.setType(Enumerations.SearchParamType.fromCode(param.getParamType().getCode()));
        parameter.setExpression(param.getPath());
        param.getTargets().forEach(parameter::addTarget);
        parameter.setStatus(Enumerations.PublicationStatus.RETIRED);
        parameter.setDescription("Not indexed by GeneGate: no audit query uses it, and every audited read paid for it");
        return parameter;
    }

    private static String id(RuntimeSearchParam param) {
        return ID_PREFIX + param.getName();
    }
}
