package org.genegate.server.security;

import java.net.InetAddress;
import java.util.Optional;
import org.genegate.security.settings.SecurityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.server.ConfigurableServletWebServerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Without the {@code security} profile nothing is authenticated, so the server listens on loopback only
 * ({@code server.address=127.0.0.1}) and says so at start. Any other address stops start-up, before the port
 * opens, unless {@code genegate.security.allow-open-network=true} says the exposure is on purpose.
 */
@Component
@Profile("!security")
class OpenAccessGuard implements WebServerFactoryCustomizer<ConfigurableServletWebServerFactory>, Ordered {

    private static final Logger log = LoggerFactory.getLogger(OpenAccessGuard.class);

    private final ServerProperties server;
    private final boolean allowOpenNetwork;

    OpenAccessGuard(ServerProperties server, SecurityProperties security) {
        this.server = server;
        this.allowOpenNetwork = security.allowOpenNetwork();
    }

    @Override
    public void customize(ConfigurableServletWebServerFactory factory) {
        InetAddress address = server.getAddress();
        refusal(address, allowOpenNetwork).ifPresent(message -> {
            throw new OpenNetworkRefusedException(message);
        });
        if (address != null && address.isLoopbackAddress()) {
            log.warn("GeneGate is OPEN: no authentication on /fhir or /cds-services (security profile off); "
                    + "listening on {} only", address.getHostAddress());
        } else {
            log.warn("GeneGate is OPEN: no authentication on /fhir or /cds-services, and listening on {} "
                    + "(genegate.security.allow-open-network=true)", address == null ? "all interfaces"
                    : address.getHostAddress());
        }
    }

    /** Why the server must not start, if it must not. */
    static Optional<String> refusal(InetAddress address, boolean allowOpenNetwork) {
        if ((address != null && address.isLoopbackAddress()) || allowOpenNetwork) {
            return Optional.empty();
        }
        return Optional.of("Refusing to listen on " + (address == null ? "all interfaces" : address.getHostAddress())
                + " without authentication: start with --spring.profiles.active=security (SMART tokens for /fhir, "
                + "signed JWTs for /cds-services), or set genegate.security.allow-open-network=true to serve "
                + "the network unauthenticated on purpose");
    }

    /** Start-up stopped because the server would serve the network unauthenticated. */
    static final class OpenNetworkRefusedException extends IllegalStateException {
        OpenNetworkRefusedException(String message) {
            super(message);
        }
    }

    /** Prints the refusal as Spring Boot's "APPLICATION FAILED TO START" report instead of a stack trace. */
    static final class FailureReport extends AbstractFailureAnalyzer<OpenNetworkRefusedException> {
        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, OpenNetworkRefusedException cause) {
            return new FailureAnalysis(cause.getMessage(), "Listen on 127.0.0.1 (the default), start with "
                    + "--spring.profiles.active=security, or set genegate.security.allow-open-network=true.", cause);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
