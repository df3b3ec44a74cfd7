package org.genegate.server.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a query string with a broken percent escape ({@code %zz}, a trailing {@code %}) with 400 and an
 * OperationOutcome. Tomcat passes such a query on, and HAPI's decoder then fails with a 500.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class MalformedQueryFilter extends OncePerRequestFilter {

    private static final Pattern BROKEN_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");
    private static final byte[] REFUSAL = PlainOutcome.json(400,
            "The query string has an invalid percent escape (% must be followed by two hex digits)")
            .getBytes(StandardCharsets.UTF_8);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if (query == null || !BROKEN_ESCAPE.matcher(query).find()) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setContentType(PlainOutcome.contentType(request.getRequestURI()));
        response.getOutputStream().write(REFUSAL);
    }
}
