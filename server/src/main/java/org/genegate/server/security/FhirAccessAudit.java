package org.genegate.server.security;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.interceptor.auth.CompartmentSearchParameterModifications;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import ca.uhn.fhir.storage.interceptor.balp.BalpConstants;
import ca.uhn.fhir.storage.interceptor.balp.BalpProfileEnum;
import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditContextServices;
import ca.uhn.fhir.util.UrlUtil;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.genegate.audit.AuditEventSink;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.utilities.xhtml.NodeType;
import org.hl7.fhir.utilities.xhtml.XhtmlNode;

/**
 * Every read, search, create, update and delete on {@code /fhir} leaves an AuditEvent shaped as the IHE Basic
 * Audit Log Patterns (BALP) profiles prescribe: PatientRead/PatientQuery/Patient{Create,Update,Delete}, one event
 * per patient whose compartment the data is in, or the Basic profile when it is in none; who (the app and user of
 * the token, the caller's address), what (the resource, or the query as asked), when, and outcome success.
 * Refusals are {@link RefusalAudit}'s.
 *
 * <p>The events are the ones HAPI's {@code BalpAuditCaptureInterceptor} makes (its profile codings are used);
 * built here because that interceptor parses its one-line narrative with the XHTML parser on every event, whose
 * set-up (some two thousand HTML entities into a map) cost more of a read's request thread than the rest of the
 * audit together. The narrative is built as a node here instead.
 */
@Interceptor
final class FhirAccessAudit {

    private static final String PATIENT_COMPARTMENT = "Patient";

    private final AuditEventSink sink;
    private final IBalpAuditContextServices who;

    FhirAccessAudit(AuditEventSink sink, IBalpAuditContextServices who) {
        this.sink = sink;
        this.who = who;
    }

    @Hook(Pointcut.STORAGE_PRESHOW_RESOURCES)
    public void shown(IPreResourceShowDetails shown, ServletRequestDetails request) {
        if (request == null || request.getRestOperationType() == null) {
            return;
        }
        switch (request.getRestOperationType()) {
            case SEARCH_TYPE, SEARCH_SYSTEM, GET_PAGE -> searched(shown.getAllResources(), request);
            case READ, VREAD -> {
                if (shown.size() == 1 && shown.getResource(0) != null) {
                    read(shown.getResource(0), request);
                }
            }
            default -> {
                // Operations audit themselves where they need to (the hook's decisions); history is not a BALP read.
            }
        }
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    public void created(IBaseResource resource, ServletRequestDetails request) {
        written(resource, request, BalpProfileEnum.BASIC_CREATE, BalpProfileEnum.PATIENT_CREATE);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
    public void updated(IBaseResource previous, IBaseResource resource, ServletRequestDetails request) {
        written(resource, request, BalpProfileEnum.BASIC_UPDATE, BalpProfileEnum.PATIENT_UPDATE);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
    public void deleted(IBaseResource resource, ServletRequestDetails request) {
        written(resource, request, BalpProfileEnum.BASIC_DELETE, BalpProfileEnum.PATIENT_DELETE);
    }

    private void read(IBaseResource resource, ServletRequestDetails request) {
        String data = who.massageResourceIdForStorage(request, resource, resource.getIdElement());
        Set<String> patients = patientsOf(List.of(resource), request);
        if (patients.isEmpty()) {
            sink.write(withData(common(request, BalpProfileEnum.BASIC_READ), data));
        }
        for (String patient : patients) {
            sink.write(withPatient(withData(common(request, BalpProfileEnum.PATIENT_READ), data), patient));
        }
    }

    private void searched(List<IBaseResource> resources, ServletRequestDetails request) {
        Set<String> patients = patientsOf(resources, request);
        if (patients.isEmpty()) {
            sink.write(withQuery(common(request, BalpProfileEnum.BASIC_QUERY), request));
        }
        for (String patient : patients) {
            sink.write(withPatient(withQuery(common(request, BalpProfileEnum.PATIENT_QUERY), request), patient));
        }
    }

    private void written(IBaseResource resource, ServletRequestDetails request, BalpProfileEnum basic,
                         BalpProfileEnum ofPatient) {
        if (request == null) {
            return; // the server's own writes (HAPI passes no servlet request for them)
        }
        String data = who.massageResourceIdForStorage(request, resource, resource.getIdElement());
        Set<String> patients = patientsOf(List.of(resource), request);
        AuditEvent event = withData(common(request, patients.isEmpty() ? basic : ofPatient), data);
        patients.forEach(patient -> withPatient(event, patient));
        sink.write(event);
    }

    /** The patients whose compartment holds any of the resources (a Patient is its own), sorted. */
    private Set<String> patientsOf(List<IBaseResource> resources, ServletRequestDetails request) {
        FhirContext fhirContext = request.getFhirContext();
        Set<String> patients = new TreeSet<>();
        for (IBaseResource resource : resources) {
            String type = fhirContext.getResourceType(resource);
            if (PATIENT_COMPARTMENT.equals(type)) {
                patients.add(who.massageResourceIdForStorage(request, resource, resource.getIdElement()));
            } else if (!fhirContext.getResourceDefinition(type).getSearchParamsForCompartmentName(
                    PATIENT_COMPARTMENT).isEmpty()) {
                for (IIdType owner : fhirContext.newTerser().getCompartmentOwnersForResource(PATIENT_COMPARTMENT,
                        resource, new CompartmentSearchParameterModifications())) {
                    patients.add(who.massageResourceIdForStorage(request, resource, owner));
                }
            }
        }
        return patients;
    }

    private AuditEvent common(ServletRequestDetails request, BalpProfileEnum profile) {
        RestOperationTypeEnum operation = request.getRestOperationType() == RestOperationTypeEnum.GET_PAGE
                ? RestOperationTypeEnum.SEARCH_TYPE : request.getRestOperationType();
        String base = request.getFhirServerBase();
        String address = who.getNetworkAddress(request);

        AuditEvent event = new AuditEvent();
        event.getMeta().addProfile(profile.getProfileUrl());
        event.getText().setStatus(Narrative.NarrativeStatus.GENERATED).setDiv(narrative());
        event.getType().setSystem(BalpConstants.CS_AUDIT_EVENT_TYPE).setCode("rest").setDisplay("Restful Operation");
        event.addSubtype().setSystem(BalpConstants.CS_RESTFUL_INTERACTION).setCode(operation.getCode())
                .setDisplay(operation.getCode());
        event.setAction(profile.getAction());
        event.setOutcome(AuditEvent.AuditEventOutcome._0);
        event.setRecorded(new Date());
        event.getSource().getObserver().setDisplay(base);

        AuditEvent.AuditEventAgentComponent client = event.addAgent().setRequestor(false);
        client.setWho(who.getAgentClientWho(request)).getWho().setDisplay(address);
        client.getType().addCoding(profile.getAgentClientTypeCoding());
        client.getNetwork().setAddress(address).setType(who.getNetworkAddressType(request));

        AuditEvent.AuditEventAgentComponent server = event.addAgent().setRequestor(false);
        server.getType().addCoding(profile.getAgentServerTypeCoding());
        server.getWho().setDisplay(base);
        server.getNetwork().setAddress(base);

        AuditEvent.AuditEventAgentComponent user = event.addAgent().setRequestor(true);
        user.getType().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/v3-ParticipationType")
                .setCode("IRCP").setDisplay("information recipient");
        user.setWho(who.getAgentUserWho(request));

        AuditEvent.AuditEventEntityComponent transaction = event.addEntity();
        transaction.getType().setSystem("https://profiles.ihe.net/ITI/BALP/CodeSystem/BasicAuditEntityType")
                .setCode("XrequestId");
        transaction.getWhat().getIdentifier().setValue(request.getRequestId());
        return event;
    }

    private static XhtmlNode narrative() {
        XhtmlNode div = new XhtmlNode(NodeType.Element, "div");
        div.setAttribute("xmlns", "http://www.w3.org/1999/xhtml");
        div.addText("Audit Event");
        return div;
    }

    private static AuditEvent withData(AuditEvent event, String resourceId) {
        BalpEntities.data(event, resourceId);
        return event;
    }

    /** The query as asked: method and complete URL as description; base, path and parameters as query. */
    private static AuditEvent withQuery(AuditEvent event, ServletRequestDetails request) {
        StringBuilder asked = new StringBuilder(request.getFhirServerBase()).append('/').append(request.getRequestPath());
        char separator = '?';
        for (Map.Entry<String, String[]> parameter : request.getParameters().entrySet()) {
            for (String value : parameter.getValue()) {
                asked.append(separator).append(UrlUtil.escapeUrlParam(parameter.getKey())).append('=')
                        .append(UrlUtil.escapeUrlParam(value));
                separator = '&';
            }
        }
        BalpEntities.query(event, request.getRequestType().name() + " " + request.getCompleteUrl(), asked.toString());
        return event;
    }

    private static AuditEvent withPatient(AuditEvent event, String patientId) {
        BalpEntities.patient(event, patientId);
        return event;
    }
}
