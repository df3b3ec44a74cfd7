package org.genegate.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.genegate.hooks.CdsErrorHandler;
import org.genegate.hooks.HookRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Stands in front of {@code /cds-services/**}: every call but discovery (GET) and CORS preflight (OPTIONS)
 * needs a bearer JWT of a trusted CDS client, checked before the body is read. A refusal is a 401 with the
 * same OperationOutcome body as every other CDS error.
 */
final class CdsClientAuthenticationFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(CdsClientAuthenticationFilter.class);
    private static final String DISCOVERY_PATH = "/cds-services";
    private static final String BEARER = "bearer ";

    private final CdsClientJwtVerifier verifier;
    private final CdsErrorHandler errors;
    private final String publicBaseUrl;

    CdsClientAuthenticationFilter(CdsClientJwtVerifier verifier, CdsErrorHandler errors, String publicBaseUrl) {
        this.verifier = verifier;
        this.errors = errors;
        this.publicBaseUrl = publicBaseUrl;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        boolean discovery = ("GET".equals(method) || "HEAD".equals(method))
                && DISCOVERY_PATH.equals(request.getServletPath() + (request.getPathInfo() == null ? ""
                        : request.getPathInfo()));
        return discovery || "OPTIONS".equals(method);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            refuse(request, response, new HookRequestException(HttpStatus.UNAUTHORIZED, "security",
                    "A CDS Hooks call needs an Authorization: Bearer JWT signed by a trusted CDS client"), false);
            return;
        }
        VerifiedCdsClient client;
        try {
            client = verifier.verify(authorization.substring(BEARER.length()).trim(), calledUrl(request));
        } catch (HookRequestException e) {
            refuse(request, response, e, true);
            return;
        }
        request.setAttribute(VerifiedCdsClient.REQUEST_ATTRIBUTE, client);
        chain.doFilter(request, response);
    }

    /** What {@code aud} must name: this endpoint's URL under the configured base, whatever the Host header says. */
    private String calledUrl(HttpServletRequest request) {
        return publicBaseUrl + request.getRequestURI();
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, HookRequestException e,
                        boolean tokenPresent) throws IOException {
        log.info("CDS call {} {} refused with {}: {}", request.getMethod(), request.getRequestURI(),
                e.status().value(), e.getMessage());
        ResponseEntity<String> outcome = errors.outcome(e.status(), e.issueCode(), e.getMessage());
        response.setStatus(outcome.getStatusCode().value());
        outcome.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        if (e.status().value() == HttpServletResponse.SC_UNAUTHORIZED) {
            // RFC 6750: no error code when no token was sent at all.
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, tokenPresent
                    ? "Bearer realm=\"cds-services\", error=\"invalid_token\"" : "Bearer realm=\"cds-services\"");
        }
        if (request.getHeader(HttpHeaders.ORIGIN) != null) {
            // As the controller's @CrossOrigin does, so that a browser client can read why it was refused.
            response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        }
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(outcome.getBody());
    }
}
