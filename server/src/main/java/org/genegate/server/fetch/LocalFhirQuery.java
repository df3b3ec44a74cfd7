package org.genegate.server.fetch;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.MatchUrlService;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntrySearchModeEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.util.MatchUrlUtil;
import java.util.ArrayList;
import java.util.List;
import org.apache.http.NameValuePair;
import org.genegate.fetch.FhirQuery;
import org.genegate.fetch.FhirQueryException;
import org.genegate.server.GeneGateServerProperties;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Answers the gate engine's FHIR queries from this server's own JPA store, without HTTP.
 *
 * <p>A search is run synchronously and returns every match (up to
 * {@code genegate.record.max-results}) plus its {@code _include}/{@code _revinclude}d resources,
 * as {@link FhirQuery} promises "all pages". {@code _count} therefore does not limit the result:
 * over HTTP it would only set the page size. Beyond the cap the result is cut short and a
 * warning is logged, since a gate reading a truncated history must not be mistaken for a
 * quiet one by whoever looks into it.
 *
 * <p>Runs as the system (no REST interceptors, no authorization): callers decide what to ask.
 */
@Component
public class LocalFhirQuery implements FhirQuery {

    private static final Logger log = LoggerFactory.getLogger(LocalFhirQuery.class);

    private final FhirContext fhirContext;
    private final DaoRegistry daoRegistry;
    private final MatchUrlService matchUrlService;
    private final int maxResults;

    public LocalFhirQuery(
            FhirContext fhirContext,
            DaoRegistry daoRegistry,
            MatchUrlService matchUrlService,
            GeneGateServerProperties properties) {
        this.fhirContext = fhirContext;
        this.daoRegistry = daoRegistry;
        this.matchUrlService = matchUrlService;
        this.maxResults = properties.record().maxResults();
    }

    @Override
    public List<Resource> run(String relativeQuery) throws FhirQueryException {
        RelativeQuery query = RelativeQuery.parse(relativeQuery);
        if (!daoRegistry.isResourceTypeSupported(query.resourceType())) {
            throw new FhirQueryException("Unknown resource type in query: " + relativeQuery);
        }
        IFhirResourceDao<?> dao = daoRegistry.getResourceDao(query.resourceType());
        try {
            return query.isRead() ? read(dao, query) : search(dao, query, relativeQuery);
        } catch (BaseServerResponseException e) {
            // Unknown search parameter, bad date, bad token and the like: HAPI's 4xx reasons.
            throw new FhirQueryException(relativeQuery + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new FhirQueryException(relativeQuery + " failed: " + e.getMessage(), e);
        }
    }

    private List<Resource> read(IFhirResourceDao<?> dao, RelativeQuery query) throws FhirQueryException {
        IdType id = new IdType(query.resourceType(), query.id(), query.versionId());
        String label = id.getValue();
        try {
            return toR4(List.of(dao.read(id, new SystemRequestDetails())));
        } catch (ResourceNotFoundException e) {
            throw FhirQueryException.notFound(label + " not found", e);
        } catch (ResourceGoneException e) {
            throw FhirQueryException.notFound(label + " has been deleted", e);
        }
    }

    private List<Resource> search(IFhirResourceDao<?> dao, RelativeQuery query, String relativeQuery)
            throws FhirQueryException {
        List<NameValuePair> parameters = query.parameters().isEmpty()
                ? List.of()
                : MatchUrlUtil.translateMatchUrl(query.matchUrl());
        for (NameValuePair parameter : parameters) {
            // HAPI drops a parameter without a value, so "Observation?patient=" would return
            // every patient's Observations: a record built from a blank id must fail instead.
            if (parameter.getValue() == null || parameter.getValue().isBlank()) {
                throw new FhirQueryException("Blank value for '" + parameter.getName() + "' in " + relativeQuery);
            }
        }
        RuntimeResourceDefinition definition = fhirContext.getResourceDefinition(query.resourceType());
        SearchParameterMap map =
                matchUrlService.translateMatchUrl(query.matchUrl(), definition, MatchUrlService.processIncludes());
        // The match-URL parser skips _sort (it was made for conditional writes); read it here.
        SortSpec sort = sortOf(parameters);
        if (sort != null) {
            map.setSort(sort);
        }
        map.setCount(null);
        map.setLoadSynchronousUpTo(maxResults);

        IBundleProvider result = dao.search(map, new SystemRequestDetails());
        List<IBaseResource> resources = result.getAllResources();
        long matches = resources.stream().filter(LocalFhirQuery::isMatch).count();
        if (matches >= maxResults) {
            log.warn("Local FHIR query reached the cap of {} matches, the rest are left out: {}",
                    maxResults, relativeQuery);
        }
        return toR4(resources);
    }

    private static SortSpec sortOf(List<NameValuePair> parameters) {
        List<String> values = new ArrayList<>();
        for (NameValuePair pair : parameters) {
            if ("_sort".equals(pair.getName())) {
                values.add(pair.getValue());
            }
        }
        return values.isEmpty() ? null : SortSpec.fromR3OrLaterParameterValue(String.join(",", values));
    }

    private static boolean isMatch(IBaseResource resource) {
        if (resource instanceof IAnyResource anyResource) {
            return ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.get(anyResource) != BundleEntrySearchModeEnum.INCLUDE;
        }
        return true;
    }

    private static List<Resource> toR4(List<IBaseResource> resources) {
        List<Resource> result = new ArrayList<>(resources.size());
        for (IBaseResource resource : resources) {
            result.add((Resource) resource);
        }
        return result;
    }
}
