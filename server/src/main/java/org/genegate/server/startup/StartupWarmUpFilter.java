package org.genegate.server.startup;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.genegate.server.http.PlainOutcome;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 503 while the server warms up, until start-up work (terminology install, demo scenarios) is done. The
 * port opens before that work runs, and a hook answered against a half-loaded store would report data as missing;
 * a client (or a container health check on /fhir/metadata) sees "starting" instead. (The clinical "readiness"
 * checklist is {@code $j1411-readiness}, unrelated.)
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class StartupWarmUpFilter extends OncePerRequestFilter {

    private static final byte[] STARTING = PlainOutcome.json(HttpServletResponse.SC_SERVICE_UNAVAILABLE,
            "GeneGate is starting; retry shortly").getBytes(StandardCharsets.UTF_8);

    private volatile boolean warmedUp;

    @EventListener(ApplicationReadyEvent.class)
    public void markWarmedUp() {
        warmedUp = true;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (warmedUp) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", "5");
        response.setContentType(PlainOutcome.contentType(request.getRequestURI()));
        response.getOutputStream().write(STARTING);
    }
}
