package org.genegate.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Base R4 validation of every bundle (no packages needed): catches what parsing lets through, such as
 * a relative fullUrl or a missing required element.
 */
class ScenarioValidationTest {

    private static final FhirContext CTX = FhirContext.forR4Cached();
    private static FhirValidator validator;

    static List<Scenario> scenarios() {
        return Scenarios.all();
    }

    @BeforeAll
    static void validator() {
        ValidationSupportChain chain = new ValidationSupportChain(new DefaultProfileValidationSupport(CTX),
                new CommonCodeSystemsTerminologyService(CTX), new InMemoryTerminologyServerValidationSupport(CTX));
        validator = CTX.newValidator().registerValidatorModule(new FhirInstanceValidator(chain));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void bundlesAreValidR4(Scenario scenario) {
        for (String json : List.of(scenario.bundleJson(), scenario.ordersJson())) {
            Bundle bundle = CTX.newJsonParser().parseResource(Bundle.class, json);
            List<String> errors = validator.validateWithResult(bundle).getMessages().stream()
                    .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                    .map(m -> m.getLocationString() + " " + m.getMessage())
                    .toList();
            assertThat(errors).as(scenario.id()).isEmpty();
        }
    }
}
