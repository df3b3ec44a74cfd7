package org.genegate.server.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Serves {@code .well-known/smart-configuration}, open to all and to browsers (CORS), both under the FHIR
 * base where SMART apps look ({@code /fhir/.well-known/...}, a path HAPI's servlet would otherwise take as a
 * resource type) and at the server root.
 */
final class SmartConfigurationFilter extends OncePerRequestFilter {

    static final String[] PATHS = {"/.well-known/smart-configuration", "/fhir/.well-known/smart-configuration"};

    private final byte[] document;

    SmartConfigurationFilter(String documentJson) {
        this.document = documentJson.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException {
        response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            response.setHeader(HttpHeaders.ALLOW, "GET, HEAD");
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(document.length);
        if ("GET".equals(request.getMethod())) {
            response.getOutputStream().write(document);
        }
    }
}
