package org.genegate.server.conformance;

import ca.uhn.fhir.rest.server.RestfulServer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the server declares about its conformance (CapabilityStatement additions). */
@Configuration
public class ConformanceConfig {

    @Bean
    CapabilityStatementCustomizer capabilityStatementCustomizer(RestfulServer fhirRestfulServer) {
        CapabilityStatementCustomizer customizer = new CapabilityStatementCustomizer();
        fhirRestfulServer.registerInterceptor(customizer);
        return customizer;
    }
}
