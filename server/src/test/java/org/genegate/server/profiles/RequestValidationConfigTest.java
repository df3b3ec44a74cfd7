package org.genegate.server.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.validation.IInstanceValidatorModule;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code genegate.validation.requests} decides whether the request validator sits on the REST server. */
class RequestValidationConfigTest {

    private static final FhirContext CTX = FhirContext.forR4Cached();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(RequestValidationConfig.class)
            .withBean(FhirContext.class, () -> CTX)
            .withBean(IInstanceValidatorModule.class, () -> new FhirInstanceValidator(CTX))
            .withBean(RestfulServer.class, () -> new RestfulServer(CTX));

    @Test
    void offByDefault() {
        runner.run(context -> {
            assertThat(context).doesNotHaveBean(ProfileRequestValidator.class);
            assertThat(context.getBean(RestfulServer.class).getInterceptorService().getAllRegisteredInterceptors())
                    .noneMatch(ProfileRequestValidator.class::isInstance);
        });
    }

    @Test
    void onWhenAsked() {
        runner.withPropertyValues("genegate.validation.requests=true").run(context ->
                assertThat(context.getBean(RestfulServer.class).getInterceptorService().getAllRegisteredInterceptors())
                        .anyMatch(ProfileRequestValidator.class::isInstance));
    }
}
