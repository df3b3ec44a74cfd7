package org.genegate.server.terminology;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.genegate.server.AbstractServerIT;
import org.genegate.server.fhir.ResourceInstaller;
import org.genegate.terminology.TerminologyResources;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class TerminologyIT extends AbstractServerIT {

    private static final String GENEGATE_CODES = "http://genegate.org/fhir/CodeSystem/genegate";

    @Autowired
    private TerminologyInstaller installer;

    @Autowired
    private DaoRegistry daoRegistry;

    @Test
    void hemgenixProductExpandsToJ1411() {
        HttpResponse<String> response =
                fhirGet("ValueSet/$expand?url=http://genegate.org/fhir/ValueSet/hemgenix-product");

        assertThat(response.statusCode()).isEqualTo(200);
        ValueSet expansion = parse(ValueSet.class, response);
        assertThat(expansion.getExpansion().getContains())
                .extracting(ValueSet.ValueSetExpansionContainsComponent::getCode)
                .contains("J1411");
    }

    @Test
    void everyShippedValueSetExpands() {
        // Covers ValueSets drawn from GeneGate's own stored CodeSystem, which need HAPI's
        // database expansion (not Hibernate Search) to work.
        for (Resource resource : TerminologyResources.load(fhirContext)) {
            if (resource instanceof ValueSet valueSet) {
                HttpResponse<String> response = fhirGet("ValueSet/$expand?url=" + valueSet.getUrl());

                assertThat(response.statusCode()).as(valueSet.getUrl()).isEqualTo(200);
                assertThat(parse(ValueSet.class, response).getExpansion().getContains())
                        .as(valueSet.getUrl())
                        .isNotEmpty();
            }
        }
    }

    @Test
    void validateCodeKnowsGeneGateCodes() {
        assertThat(validateCode("aav5-nab-titer")).isTrue();
        assertThat(validateCode("no-such-code")).isFalse();
    }

    @Test
    void validateCodeAgainstAValueSet() {
        HttpResponse<String> response = fhirGet("ValueSet/$validate-code?url=http://genegate.org/fhir/ValueSet/hemgenix-product"
                + "&system=https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets&code=J1411");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(((BooleanType) parse(Parameters.class, response).getParameterValue("result")).booleanValue())
                .isTrue();
    }

    @Test
    void secondInstallationCreatesNoNewVersions() {
        Map<String, String> versionsBefore = storedVersions();

        ResourceInstaller.Summary summary = installer.install();

        assertThat(summary.created()).isZero();
        assertThat(summary.updated()).isZero();
        assertThat(summary.unchanged()).isEqualTo(versionsBefore.size());
        assertThat(storedVersions()).isEqualTo(versionsBefore);
    }

    private boolean validateCode(String code) {
        HttpResponse<String> response =
                fhirGet("CodeSystem/$validate-code?url=" + GENEGATE_CODES + "&code=" + code);
        assertThat(response.statusCode()).isEqualTo(200);
        return ((BooleanType) parse(Parameters.class, response).getParameterValue("result")).booleanValue();
    }

    private Map<String, String> storedVersions() {
        Map<String, String> versions = new LinkedHashMap<>();
        List<Resource> shipped = TerminologyResources.load(fhirContext);
        for (Resource resource : shipped) {
            String id = resource.fhirType() + "/" + resource.getIdElement().getIdPart();
            Resource stored = (Resource) daoRegistry.getResourceDao(resource.fhirType())
                    .read(resource.getIdElement().toUnqualifiedVersionless(), new SystemRequestDetails());
            versions.put(id, stored.getMeta().getVersionId());
        }
        return versions;
    }
}
