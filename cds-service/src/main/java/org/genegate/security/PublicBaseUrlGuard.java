package org.genegate.security;

import java.net.URI;
import java.util.Optional;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * The security profile does not start without {@code genegate.security.public-base-url}: the {@code aud} of CDS
 * client JWTs and SMART tokens, the card links and HAPI's links are built from it. Taken from each request's
 * Host header instead, a client could name any host and have a token minted for another service accepted.
 * Stops start-up before the port opens.
 */
final class PublicBaseUrlGuard implements WebServerFactoryCustomizer<ConfigurableWebServerFactory> {

    private final String publicBaseUrl;

    PublicBaseUrlGuard(String publicBaseUrl) {
        this.publicBaseUrl = publicBaseUrl;
    }

    @Override
    public void customize(ConfigurableWebServerFactory factory) {
        refusal(publicBaseUrl).ifPresent(message -> {
            throw new IllegalStateException(message);
        });
    }

    /** Why the value cannot serve as the public base URL, if it cannot. */
    static Optional<String> refusal(String publicBaseUrl) {
        String problem = null;
        if (publicBaseUrl == null || publicBaseUrl.isBlank()) {
            problem = "is not set";
        } else {
            try {
                URI uri = URI.create(publicBaseUrl);
                if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                        || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                    problem = "is not an absolute http(s) URL";
                }
            } catch (IllegalArgumentException e) {
                problem = "is not a URL";
            }
        }
        return problem == null ? Optional.empty() : Optional.of("The security profile needs "
                + "genegate.security.public-base-url (the URL EHRs and SMART apps call, e.g. "
                + "https://genegate.example.org); it " + problem + ". Token audiences and links are built from it, "
                + "never from a request's Host header");
    }
}
