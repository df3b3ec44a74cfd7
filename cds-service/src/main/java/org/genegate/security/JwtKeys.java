package org.genegate.security;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.ResourceRetriever;
import java.net.MalformedURLException;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How GeneGate fetches and trusts signing keys, for CDS clients and the SMART authorization server alike. */
public final class JwtKeys {

    private static final Logger log = LoggerFactory.getLogger(JwtKeys.class);

    /** JWKS fetches: 2 s to connect, 2 s to read, 100 kB at most (a JWK Set is a few kB). */
    private static final int TIMEOUT_MILLIS = 2_000;
    private static final int SIZE_LIMIT = 100_000;

    private JwtKeys() {}

    public static ResourceRetriever retriever() {
        return new DefaultResourceRetriever(TIMEOUT_MILLIS, TIMEOUT_MILLIS, SIZE_LIMIT);
    }

    /**
     * The JWK Set at a URL: cached 5 minutes and refreshed ahead of expiry; an unknown kid refetches it at
     * most every 30 s (nimbus' defaults).
     *
     * @param property the setting that named the URL, for the start-up message when it is not one
     */
    public static JWKSource<SecurityContext> cachedSource(URI url, ResourceRetriever retriever, String property) {
        if (url != null && "http".equalsIgnoreCase(url.getScheme()) && !isLoopback(url.getHost())) {
            log.warn("security: {} {} is plain http; anyone on the path could swap the keys", property, url);
        }
        try {
            return JWKSourceBuilder.<SecurityContext>create(url.toURL(), retriever).build();
        } catch (MalformedURLException | IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(property + " is not a URL: " + url, e);
        }
    }

    private static boolean isLoopback(String host) {
        return "localhost".equalsIgnoreCase(host) || (host != null && host.startsWith("127."));
    }
}
