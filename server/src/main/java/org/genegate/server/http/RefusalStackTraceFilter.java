package org.genegate.server.http;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.springframework.stereotype.Component;

/**
 * HAPI logs every exception an interceptor throws at ERROR with its stack trace, so each 401 and 403 (which the
 * authentication and authorization interceptors throw) wrote forty lines. A refusal is not an error: those
 * records are dropped, and HAPI's one-line WARN "Failure during REST processing: ..." remains. Exceptions of
 * 500 and above keep their stack trace.
 */
@Component
class RefusalStackTraceFilter extends TurboFilter {

    private static final String INTERCEPTOR_SERVICE = "ca.uhn.fhir.interceptor.executor.BaseInterceptorService";

    RefusalStackTraceFilter() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.addTurboFilter(this);
            start();
        }
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                              Throwable t) {
        if (logger == null || !INTERCEPTOR_SERVICE.equals(logger.getName()) || params == null) {
            return FilterReply.NEUTRAL;
        }
        for (Object param : params) {
            if (param instanceof BaseServerResponseException refusal && refusal.getStatusCode() < 500) {
                return FilterReply.DENY;
            }
        }
        return FilterReply.NEUTRAL;
    }
}
