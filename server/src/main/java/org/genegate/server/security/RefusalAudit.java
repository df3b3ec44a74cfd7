package org.genegate.server.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.storage.interceptor.balp.BalpConstants;
import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditContextServices;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.util.Date;
import org.genegate.audit.AuditEventSink;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;

/**
 * A {@code /fhir} request refused with 401 or 403 leaves an AuditEvent with outcome 4 (minor failure), shaped as
 * the IHE Basic Audit Log Patterns (BALP) shape their events, since BALP has no refusal profile of its own: type
 * {@code rest}, the RESTful interaction as subtype, who asked (the app and user of a verified token, or what a
 * refused token claims, marked unverified, or that there was none; the caller's IP address), what was asked (the
 * request line as a BALP query entity), for which patient the token speaks, when, and the refusal's first line as
 * {@code outcomeDesc}, never a stack trace. An entry of a batch refused with 401 or 403 (the batch itself answers
 * 200) leaves one too, naming the entry's request. The event goes to the background audit writer, off the request
 * thread.
 */
@Interceptor
final class RefusalAudit {

    static final String UNAUTHENTICATED = "unauthenticated";
    private static final int MAX_TEXT = 500;

    private final AuditEventSink sink;
    private final IBalpAuditContextServices who;

    RefusalAudit(AuditEventSink sink, IBalpAuditContextServices who) {
        this.sink = sink;
        this.who = who;
    }

    @Hook(Pointcut.SERVER_HANDLE_EXCEPTION)
    public boolean auditRefusal(RequestDetails request, BaseServerResponseException refusal) {
        int status = refusal.getStatusCode();
        if (status == 401 || status == 403) {
            sink.write(event(request, status, refusal.getMessage(), request.getRestOperationType(),
                    request.getRequestType() + " " + request.getCompleteUrl()));
        }
        return true; // HAPI answers as usual
    }

    /**
     * A batch answers 200 even when some of its entries were refused: each refused entry (a 401 or 403 in the
     * batch's answer) is audited as a refusal of its own, naming the entry's request.
     */
    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public boolean auditRefusedBatchEntries(RequestDetails request, IBaseResource response) {
        if (!(response instanceof Bundle answer) || answer.getType() != Bundle.BundleType.BATCHRESPONSE
                || !(request.getResource() instanceof Bundle batch)) {
            return true;
        }
        int entries = Math.min(batch.getEntry().size(), answer.getEntry().size());
        for (int i = 0; i < entries; i++) {
            Bundle.BundleEntryResponseComponent result = answer.getEntry().get(i).getResponse();
            int status = statusCode(result.getStatus());
            if (status == 401 || status == 403) {
                Bundle.BundleEntryRequestComponent asked = batch.getEntry().get(i).getRequest();
                String method = asked.hasMethod() ? asked.getMethod().toCode() : "?";
                sink.write(event(request, status, reason(result), operation(asked),
                        "batch entry " + method + " " + asked.getUrl()));
            }
        }
        return true;
    }

    private AuditEvent event(RequestDetails request, int status, String reason, RestOperationTypeEnum operation,
                             String asked) {
        AuditEvent event = new AuditEvent();
        event.getType().setSystem(BalpConstants.CS_AUDIT_EVENT_TYPE).setCode("rest").setDisplay("Restful Operation");
        if (operation != null) {
            event.addSubtype().setSystem(BalpConstants.CS_RESTFUL_INTERACTION).setCode(operation.getCode());
        }
        event.setAction(action(operation));
        event.setOutcome(AuditEvent.AuditEventOutcome._4);
        event.setOutcomeDesc(status + " " + firstLine(reason));
        event.setRecorded(new Date());
        event.getSource().getObserver().setDisplay(request.getFhirServerBase());

        SmartAccess access = SmartAccess.of(request);
        AuditEvent.AuditEventAgentComponent client = event.addAgent().setRequestor(false);
        client.getType().addCoding().setSystem("http://dicom.nema.org/resources/ontology/DCM").setCode("110153")
                .setDisplay("Source Role ID");
        client.setWho(access != null ? who.getAgentClientWho(request) : unauthenticated(request));
        client.getNetwork().setAddress(who.getNetworkAddress(request)).setType(who.getNetworkAddressType(request));
        if (access != null) {
            AuditEvent.AuditEventAgentComponent user = event.addAgent().setRequestor(true);
            user.getType().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/v3-ParticipationType")
                    .setCode("IRCP").setDisplay("information recipient");
            user.setWho(who.getAgentUserWho(request));
        }

        BalpEntities.query(event, clip(asked), asked);
        if (access != null && access.patientId() != null) {
            // The token's launch patient: whose app was refused (not whose data was asked for).
            BalpEntities.patient(event, who.massageResourceIdForStorage(request, null,
                    new IdType("Patient", access.patientId()))).getWhat().getIdentifier().setValue(access.patientId());
        }
        return event;
    }

    /**
     * No verified token: the agent is {@value #UNAUTHENTICATED}; what a refused token claims (its iss, client and
     * sub, unverified, so never trusted as an identity) is kept as display, so repeated attempts can be told apart.
     */
    private static Reference unauthenticated(RequestDetails request) {
        Reference agent = new Reference();
        agent.getIdentifier().setValue(UNAUTHENTICATED);
        String authorization = request.getHeader("Authorization");
        if (authorization == null || authorization.isBlank()) {
            return agent.setDisplay("no access token");
        }
        try {
            JWTClaimsSet claims = SignedJWT.parse(authorization.replaceFirst("(?i)^bearer\\s+", "").trim())
                    .getJWTClaimsSet();
            Object client = claims.getClaim("client_id") != null ? claims.getClaim("client_id")
                    : claims.getClaim("azp");
            return agent.setDisplay(clip("refused token claiming iss=" + claims.getIssuer() + ", client="
                    + client + ", sub=" + claims.getSubject() + " (unverified)"));
        } catch (ParseException | RuntimeException e) {
            return agent.setDisplay("refused credentials that are not a JWT");
        }
    }

    private static int statusCode(String status) {
        String code = status == null ? "" : status.strip().split(" ", 2)[0];
        return code.matches("\\d{3}") ? Integer.parseInt(code) : 0;
    }

    /** The refusal's text: the entry's OperationOutcome diagnostics, else its status line. */
    private static String reason(Bundle.BundleEntryResponseComponent result) {
        if (result.getOutcome() instanceof OperationOutcome outcome && outcome.hasIssue()
                && outcome.getIssueFirstRep().hasDiagnostics()) {
            return outcome.getIssueFirstRep().getDiagnostics();
        }
        return result.getStatus();
    }

    /** The RESTful interaction of a batch entry, as its method and URL say. */
    private static RestOperationTypeEnum operation(Bundle.BundleEntryRequestComponent asked) {
        if (!asked.hasMethod()) {
            return null;
        }
        String url = asked.getUrl() == null ? "" : asked.getUrl();
        String path = url.split("\\?", 2)[0];
        boolean instance = path.contains("/");
        return switch (asked.getMethod()) {
            case GET, HEAD -> url.contains("?") || !instance ? RestOperationTypeEnum.SEARCH_TYPE
                    : RestOperationTypeEnum.READ;
            case POST -> path.contains("$") ? RestOperationTypeEnum.EXTENDED_OPERATION_TYPE
                    : RestOperationTypeEnum.CREATE;
            case PUT -> RestOperationTypeEnum.UPDATE;
            case PATCH -> RestOperationTypeEnum.PATCH;
            case DELETE -> RestOperationTypeEnum.DELETE;
            default -> null;
        };
    }

    private static AuditEvent.AuditEventAction action(RestOperationTypeEnum operation) {
        if (operation == null) {
            return AuditEvent.AuditEventAction.E;
        }
        return switch (operation) {
            case CREATE -> AuditEvent.AuditEventAction.C;
            case READ, VREAD, HISTORY_INSTANCE, HISTORY_TYPE, HISTORY_SYSTEM -> AuditEvent.AuditEventAction.R;
            case UPDATE, PATCH, META_ADD, META_DELETE -> AuditEvent.AuditEventAction.U;
            case DELETE -> AuditEvent.AuditEventAction.D;
            default -> AuditEvent.AuditEventAction.E; // searches, pages, transactions, operations
        };
    }

    private static String firstLine(String text) {
        String line = text == null ? "" : text.lines().findFirst().orElse("");
        return clip(line);
    }

    /** Bounded and without control characters: request data ends up in the stored text. */
    private static String clip(String text) {
        String clean = text.replaceAll("\\p{Cntrl}", "_");
        return clean.length() <= MAX_TEXT ? clean : clean.substring(0, MAX_TEXT) + "...";
    }
}
