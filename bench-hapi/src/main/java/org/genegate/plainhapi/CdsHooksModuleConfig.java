package org.genegate.plainhapi;

import ca.uhn.hapi.fhir.cdshooks.api.ICdsHooksDaoAuthorizationSvc;
import ca.uhn.hapi.fhir.cdshooks.api.ICdsServiceRegistry;
import ca.uhn.hapi.fhir.cdshooks.config.CdsHooksConfig;
import ca.uhn.hapi.fhir.cdshooks.controller.CdsHooksController;
import ca.uhn.hapi.fhir.cdshooks.svc.CdsHooksContextBooter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * HAPI's CDS Hooks module: its service registry and prefetch services ({@link CdsHooksConfig}), its Spring MVC
 * controller at {@code /cds-services}, and the services found on {@link TrivialServiceDefinitions}.
 */
@Configuration
@Import(CdsHooksConfig.class)
public class CdsHooksModuleConfig {

    /** HAPI's booter reads the {@code @CdsService} methods of the beans its own small context defines. */
    @Bean(destroyMethod = "stop")
    public CdsHooksContextBooter cdsHooksContextBooter() {
        CdsHooksContextBooter booter = new CdsHooksContextBooter();
        booter.setDefinitionsClass(TrivialServiceDefinitions.class);
        booter.start();
        return booter;
    }

    /** Prefetched resources are shown to the service as they come: no authorisation layer here. */
    @Bean
    public ICdsHooksDaoAuthorizationSvc cdsHooksDaoAuthorizationSvc() {
        return resource -> {
        };
    }

    @Bean
    public CdsHooksController cdsHooksController(ICdsServiceRegistry registry) {
        return new CdsHooksController(registry);
    }
}
