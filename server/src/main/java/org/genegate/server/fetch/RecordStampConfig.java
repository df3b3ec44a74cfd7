package org.genegate.server.fetch;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the record-stamp interceptor with the JPA storage layer, so it sees every write, whether or not this
 * node caches: another node sharing the database may.
 */
@Configuration
public class RecordStampConfig {

    public RecordStampConfig(IInterceptorService interceptorService, RecordStampInterceptor interceptor) {
        interceptorService.registerInterceptor(interceptor);
    }
}
