package org.genegate.server.fhir;

import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.interceptor.CorsInterceptor;
import java.time.Duration;
import java.util.List;
import org.genegate.server.GeneGateServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsConfiguration;

/**
 * CORS for {@code /fhir}, so a SMART app served from another origin can read the record from the browser.
 * Preflights are answered before authentication (a browser sends them without the token); the actual calls
 * still need their token and scopes.
 */
@Configuration
public class FhirCorsConfig {

    @Bean
    CorsInterceptor fhirCorsInterceptor(RestfulServer fhirRestfulServer, GeneGateServerProperties properties) {
        List<String> origins = properties.fhir().corsAllowedOrigins();
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(origins);
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept", "Prefer", "If-Match",
                "If-None-Match", "If-None-Exist", "If-Modified-Since", "X-Requested-With"));
        cors.setExposedHeaders(List.of("Location", "Content-Location", "ETag", "Last-Modified", "WWW-Authenticate"));
        cors.setAllowCredentials(false);
        cors.setMaxAge(Duration.ofHours(1));
        CorsInterceptor interceptor = new CorsInterceptor(cors);
        if (!origins.isEmpty()) {
            fhirRestfulServer.registerInterceptor(interceptor);
        }
        return interceptor;
    }
}
