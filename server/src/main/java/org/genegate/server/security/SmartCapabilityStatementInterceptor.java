package org.genegate.server.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import java.net.URI;
import org.genegate.security.settings.SecurityProperties.Smart;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestSecurityComponent;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.UriType;

/**
 * Declares SMART on FHIR in the CapabilityStatement ({@code rest.security}): the SMART-on-FHIR service
 * coding and the {@code oauth-uris} extension naming the same endpoints as the well-known document.
 */
@Interceptor
final class SmartCapabilityStatementInterceptor {

    static final String SERVICE_SYSTEM = "http://terminology.hl7.org/CodeSystem/restful-security-service";
    static final String OAUTH_URIS = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris";

    private final Smart properties;

    SmartCapabilityStatementInterceptor(Smart properties) {
        this.properties = properties;
    }

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void declareSmart(IBaseConformance generated) {
        CapabilityStatement statement = (CapabilityStatement) generated;
        for (CapabilityStatementRestComponent rest : statement.getRest()) {
            CapabilityStatementRestSecurityComponent security = rest.getSecurity();
            if (security.getExtensionByUrl(OAUTH_URIS) != null) {
                continue; // a statement served again from HAPI's cache already says it
            }
            security.addService().setText("OAuth2 using SMART-on-FHIR profile (see http://docs.smarthealthit.org)")
                    .addCoding().setSystem(SERVICE_SYSTEM).setCode("SMART-on-FHIR").setDisplay("SMART-on-FHIR");
            security.setDescription("SMART on FHIR bearer tokens: v1 and v2 patient/ and user/ scopes; "
                    + "metadata and .well-known/smart-configuration are open");
            Extension uris = security.addExtension().setUrl(OAUTH_URIS);
            add(uris, "authorize", properties.authorizationEndpoint());
            add(uris, "token", properties.tokenEndpoint());
            add(uris, "revoke", properties.revocationEndpoint());
            add(uris, "introspect", properties.introspectionEndpoint());
            add(uris, "manage", properties.managementEndpoint());
            add(uris, "register", properties.registrationEndpoint());
        }
    }

    private static void add(Extension uris, String name, URI endpoint) {
        if (endpoint != null) {
            uris.addExtension(name, new UriType(endpoint.toString()));
        }
    }
}
