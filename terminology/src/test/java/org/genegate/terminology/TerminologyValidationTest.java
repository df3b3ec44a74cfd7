package org.genegate.terminology;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/** Base-R4 validation with HAPI's offline validator: parsing alone would accept a wrong status or id. */
class TerminologyValidationTest {

    @Test
    void everyResourceIsValidR4() {
        FhirContext ctx = FhirContext.forR4Cached();
        List<Resource> resources = TerminologyResources.load(ctx);
        PrePopulatedValidationSupport shipped = new PrePopulatedValidationSupport(ctx);
        resources.forEach(shipped::addResource);
        ValidationSupportChain chain = new ValidationSupportChain(new DefaultProfileValidationSupport(ctx),
                new CommonCodeSystemsTerminologyService(ctx), new InMemoryTerminologyServerValidationSupport(ctx),
                shipped);
        FhirValidator validator = ctx.newValidator().registerValidatorModule(new FhirInstanceValidator(chain));

        for (Resource resource : resources) {
            // Warnings count too (the resources carry narrative, so none is expected), except that SNOMED CT
            // cannot be loaded offline.
            List<SingleValidationMessage> problems = validator.validateWithResult(resource).getMessages().stream()
                    .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.WARNING.ordinal())
                    .filter(m -> !m.getMessage().contains("CodeSystem 'http://snomed.info/sct'"))
                    .toList();
            assertThat(problems).as(resource.getIdElement().getValue()).isEmpty();
        }
    }
}
