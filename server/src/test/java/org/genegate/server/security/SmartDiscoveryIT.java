package org.genegate.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.genegate.server.AbstractSecuredServerIT;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestSecurityComponent;
import org.hl7.fhir.r4.model.Extension;
import org.junit.jupiter.api.Test;

/**
 * What a SMART app (and the SMART App Launch test kit) reads before it has a token: the well-known document
 * and the CapabilityStatement, both open, naming the same endpoints.
 */
class SmartDiscoveryIT extends AbstractSecuredServerIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theWellKnownDocumentPassesTheSmartKitsChecks() throws IOException {
        for (String path : SmartConfigurationFilter.PATHS) {
            HttpResponse<String> response = get(path, null);

            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
            assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
            JsonNode document = JSON.readTree(response.body());
            assertThat(document.path("authorization_endpoint").asText())
                    .isEqualTo(ISSUERS.smartIssuer() + "/authorize");
            assertThat(document.path("token_endpoint").asText()).isEqualTo(ISSUERS.smartIssuer() + "/token");
            assertThat(texts(document.path("grant_types_supported"))).contains("authorization_code");
            assertThat(texts(document.path("code_challenge_methods_supported"))).containsExactly("S256");
            assertThat(texts(document.path("capabilities"))).contains("launch-ehr", "launch-standalone",
                    "client-public", "client-confidential-symmetric", "context-ehr-patient",
                    "context-standalone-patient", "permission-patient", "permission-user", "permission-v1",
                    "permission-v2").doesNotContain("sso-openid-connect");
            // Without sso-openid-connect the kit expects no issuer.
            assertThat(document.has("issuer")).isFalse();
            assertThat(texts(document.path("scopes_supported"))).contains("launch/patient", "patient/*.rs");
        }
    }

    @Test
    void theCapabilityStatementDeclaresSmartWithTheWellKnownEndpoints() throws IOException {
        get("/fhir/metadata", null);
        HttpResponse<String> metadata = get("/fhir/metadata", null);
        assertThat(metadata.statusCode()).isEqualTo(200);
        CapabilityStatement statement = FhirContext.forR4Cached().newJsonParser()
                .parseResource(CapabilityStatement.class, metadata.body());

        CapabilityStatementRestSecurityComponent security = statement.getRestFirstRep().getSecurity();
        assertThat(security.getService()).hasSize(1);
        assertThat(security.getService()).anySatisfy(service -> assertThat(service.getCoding()).anySatisfy(coding -> {
            assertThat(coding.getSystem()).isEqualTo(SmartCapabilityStatementInterceptor.SERVICE_SYSTEM);
            assertThat(coding.getCode()).isEqualTo("SMART-on-FHIR");
        }));
        Extension uris = security.getExtensionByUrl(SmartCapabilityStatementInterceptor.OAUTH_URIS);
        JsonNode wellKnown = JSON.readTree(get("/fhir/.well-known/smart-configuration", null).body());
        assertThat(uris.getExtensionByUrl("authorize").getValue().primitiveValue())
                .isEqualTo(wellKnown.path("authorization_endpoint").asText());
        assertThat(uris.getExtensionByUrl("token").getValue().primitiveValue())
                .isEqualTo(wellKnown.path("token_endpoint").asText());
        assertThat(uris.getExtensionByUrl("revoke").getValue().primitiveValue())
                .isEqualTo(wellKnown.path("revocation_endpoint").asText());
        assertThat(uris.getExtensionByUrl("introspect")).isNull();
        assertThat(wellKnown.has("introspection_endpoint")).isFalse();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
