package org.genegate.server.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.HookParams;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import ca.uhn.fhir.rest.param.DateAndListParam;
import ca.uhn.fhir.rest.param.ReferenceAndListParam;
import ca.uhn.fhir.rest.param.StringAndListParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.util.List;
import java.util.Set;
import org.genegate.server.GeneGateServerProperties;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.stereotype.Component;

/**
 * {@code /fhir/AuditEvent} answered from the audit table instead of HAPI's JPA store: read, create (stored at once,
 * through the same table as the background writer) and search by {@value #SEARCH_PARAMS}, newest first, paged with
 * {@code _count} and {@code _offset}. Other parameters are a 400 (HAPI finds no search method taking them).
 */
@Component
public class AuditEventResourceProvider implements IResourceProvider {

    /** The search parameters of {@link #search}, as the CapabilityStatement must list them. */
    public static final String SEARCH_PARAMS = "_id, patient, entity, entity-name, date, agent, type, subtype, outcome, source";
    public static final Set<String> SEARCH_PARAM_NAMES = Set.of(SEARCH_PARAMS.split(", "));

    private final AuditEventTable table;
    private final FhirContext fhirContext;
    private final int defaultPageSize;
    private final int maxPageSize;

    public AuditEventResourceProvider(AuditEventTable table, FhirContext fhirContext,
                                      GeneGateServerProperties properties) {
        this.table = table;
        this.fhirContext = fhirContext;
        this.defaultPageSize = properties.fhir().defaultPageSize();
        this.maxPageSize = properties.fhir().maxPageSize();
    }

    @Override
    public Class<AuditEvent> getResourceType() {
        return AuditEvent.class;
    }

    @Read
    public AuditEvent read(@IdParam IdType id) {
        return table.json(id.getIdPart()).map(this::parse)
                .orElseThrow(() -> new ResourceNotFoundException(new IdType("AuditEvent", id.getIdPart())));
    }

    /**
     * Announced to the storage interceptors before it is stored, as HAPI's JPA store announces a create: HAPI's
     * authorization checks creates there, not when the request comes in.
     */
    @Create
    public MethodOutcome create(@ResourceParam AuditEvent event, RequestDetails request) {
        HookParams created = new HookParams()
                .add(IBaseResource.class, event)
                .add(RequestDetails.class, request)
                .addIfMatchesType(ServletRequestDetails.class, request)
                .add(TransactionDetails.class, new TransactionDetails())
                .add(RequestPartitionId.class, RequestPartitionId.defaultPartition());
        request.getInterceptorBroadcaster().callHooks(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, created);
        table.insert(List.of(event));
        return new MethodOutcome(event.getIdElement(), true).setResource(event);
    }

    @Search(allowUnknownParams = false)
    public IBundleProvider search(
            @OptionalParam(name = "_id") TokenAndListParam ids,
            @OptionalParam(name = AuditEvent.SP_PATIENT) ReferenceAndListParam patients,
            @OptionalParam(name = AuditEvent.SP_ENTITY) ReferenceAndListParam entities,
            @OptionalParam(name = AuditEvent.SP_ENTITY_NAME) StringAndListParam entityNames,
            @OptionalParam(name = AuditEvent.SP_DATE) DateAndListParam recorded,
            @OptionalParam(name = AuditEvent.SP_AGENT) ReferenceAndListParam agents,
            @OptionalParam(name = AuditEvent.SP_TYPE) TokenAndListParam types,
            @OptionalParam(name = AuditEvent.SP_SUBTYPE) TokenAndListParam subtypes,
            @OptionalParam(name = AuditEvent.SP_OUTCOME) TokenAndListParam outcomes,
            @OptionalParam(name = AuditEvent.SP_SOURCE) ReferenceAndListParam sources,
            @Sort SortSpec sort,
            @Offset Integer offset,
            @Count Integer count) {
        AuditEventCriteria criteria = new AuditEventCriteria()
                .ids(ids)
                .references(AuditSearchParam.PATIENT, patients)
                .references(AuditSearchParam.ENTITY, entities)
                .names(entityNames)
                .recorded(recorded)
                .references(AuditSearchParam.AGENT, agents)
                .types(types)
                .subtypes(subtypes)
                .outcomes(outcomes)
                .sources(sources);
        boolean oldestFirst = oldestFirst(sort);
        int from = offset == null ? 0 : Math.max(offset, 0);
        int size = count == null ? defaultPageSize : Math.max(0, Math.min(count, maxPageSize));
        int total = table.count(criteria);
        List<IBaseResource> page = size == 0 || from >= total ? List.of()
                : table.page(criteria, oldestFirst, from, size).stream().map(this::parse)
                        .map(IBaseResource.class::cast).toList();
        // An offset page: HAPI links the next and previous pages with _offset and _count.
        SimpleBundleProvider result = new SimpleBundleProvider(page);
        result.setCurrentPageOffset(from);
        result.setCurrentPageSize(size);
        result.setSize(total);
        return result;
    }

    /** Newest first unless {@code _sort=date}; {@code _sort=-date} is the default said out loud. */
    private static boolean oldestFirst(SortSpec sort) {
        if (sort == null) {
            return false;
        }
        if (sort.getChain() != null || !AuditEvent.SP_DATE.equals(sort.getParamName())) {
            throw new InvalidRequestException("AuditEvent can be sorted by date (_sort=date or _sort=-date) only");
        }
        return sort.getOrder() != ca.uhn.fhir.rest.api.SortOrderEnum.DESC;
    }

    private AuditEvent parse(String json) {
        return fhirContext.newJsonParser().parseResource(AuditEvent.class, json);
    }
}
