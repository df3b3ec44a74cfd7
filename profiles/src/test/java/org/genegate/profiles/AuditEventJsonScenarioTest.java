package org.genegate.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.genegate.audit.AuditEventJson;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/**
 * The audit trail's JSON writer against HAPI's encoder on a wide corpus: every resource of every scenario record
 * (patients, observations with quantities and decimals, conditions, orders, coverage, care plans, encounters,
 * practitioners), one by one and as whole Bundles.
 */
class AuditEventJsonScenarioTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final ObjectMapper EXACT = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true)).build();

    @Test
    void everyScenarioResourceIsWrittenAsHapiWritesIt() throws Exception {
        AuditEventJson json = new AuditEventJson(FHIR);
        int resources = 0;
        for (Scenario scenario : Scenarios.all()) {
            Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, scenario.bundleJson());
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                Resource resource = entry.getResource();
                assertThat(EXACT.readTree(json.encode(resource)))
                        .as(scenario.id() + " " + resource.fhirType() + "/" + resource.getIdElement().getIdPart())
                        .isEqualTo(EXACT.readTree(FHIR.newJsonParser().encodeResourceToString(resource)));
                resources++;
            }
            assertThat(EXACT.readTree(json.encode(bundle))).as(scenario.id())
                    .isEqualTo(EXACT.readTree(FHIR.newJsonParser().encodeResourceToString(bundle)));
        }
        assertThat(resources).isGreaterThan(1000);
    }
}
