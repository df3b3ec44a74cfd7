package org.genegate.server.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code /error} is where the servlet container forwards failed requests; called directly it has no error to
 * show, and Spring's handler then answered 500. A direct call is a 404 OperationOutcome; forwarded errors (which
 * this filter does not see) are rendered as before.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class ErrorPathFilter extends OncePerRequestFilter {

    private static final String ERROR_PATH = "/error";
    private static final byte[] NOT_FOUND = PlainOutcome.json(404, "No such resource: " + ERROR_PATH)
            .getBytes(StandardCharsets.UTF_8);

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !ERROR_PATH.equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        response.setContentType(PlainOutcome.contentType(request.getRequestURI()));
        response.getOutputStream().write(NOT_FOUND);
    }
}
