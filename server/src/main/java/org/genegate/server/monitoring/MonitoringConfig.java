package org.genegate.server.monitoring;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the monitoring-plan interceptor with the JPA storage layer, so it sees every write: REST calls,
 * transaction bundles and the demo loader alike.
 */
@Configuration
public class MonitoringConfig {

    public MonitoringConfig(IInterceptorService interceptorService, MonitoringPlanInterceptor interceptor) {
        interceptorService.registerInterceptor(interceptor);
    }
}
