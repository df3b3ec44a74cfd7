package org.genegate.server.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditContextServices;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;

/**
 * Who is behind a {@code /fhir} request, for the IHE Basic Audit Log Patterns (BALP) AuditEvents: the app (the
 * token's {@code client_id} or {@code azp}) and the user ({@code sub}), both as identifiers in the authorization
 * server's namespace (its issuer URL). The network address is the caller's IP, as HAPI's default gives it.
 */
final class SmartAuditContext implements IBalpAuditContextServices {

    private static final String UNKNOWN = "unknown";

    @Override
    public Reference getAgentClientWho(RequestDetails request) {
        SmartAccess access = SmartAccess.of(request);
        return who(access, access == null ? null : access.clientId());
    }

    @Override
    public Reference getAgentUserWho(RequestDetails request) {
        SmartAccess access = SmartAccess.of(request);
        return who(access, access == null ? null : access.subject());
    }

    /**
     * This server's own resources as relative references ({@code Patient/123}), the form a search by patient uses
     * and a patient token's searches are narrowed to; HAPI's default makes them absolute with the request's base.
     */
    @Override
    public String massageResourceIdForStorage(RequestDetails request, IBaseResource resource, IIdType id) {
        return id.toUnqualified().getValue();
    }

    private static Reference who(SmartAccess access, String value) {
        Identifier identifier = new Identifier().setValue(value == null ? UNKNOWN : value);
        if (access != null && access.issuer() != null) {
            identifier.setSystem(access.issuer());
        }
        return new Reference().setIdentifier(identifier);
    }
}
