package org.genegate.server.profiles;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.validation.IInstanceValidatorModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code genegate.validation.requests=true}: writes claiming a GeneGate profile are validated (off by default). */
@Configuration
@ConditionalOnProperty(prefix = "genegate.validation", name = "requests", havingValue = "true")
public class RequestValidationConfig {

    private static final Logger log = LoggerFactory.getLogger(RequestValidationConfig.class);

    @Bean
    ProfileRequestValidator profileRequestValidator(FhirContext fhirContext, IInstanceValidatorModule instanceValidator,
                                                    RestfulServer fhirRestfulServer) {
        ProfileRequestValidator validator = new ProfileRequestValidator(fhirContext, instanceValidator);
        fhirRestfulServer.registerInterceptor(validator);
        log.info("Request validation on: writes claiming a GeneGate profile are validated");
        return validator;
    }
}
