package org.genegate.fetch;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;

/**
 * Reads the EHR's FHIR server (the hook's {@code fhirServer}) with the hook's bearer token. Follows
 * search paging up to a cap so a part is complete or reported as not had, never silently cut short.
 * It never leaves that server: redirects are not followed, and a {@code next} link to another origin or
 * outside the base path is refused, since the bearer token would go with it (SSRF). A body is read up
 * to {@link #MAX_BODY_BYTES} and refused past it, without holding more than that in memory.
 */
public final class RemoteFhirQuery implements FhirQuery {

    /** More pages than this for one part is not a record a gate can judge in a hook's time. */
    static final int MAX_PAGES = 20;
    /** A body larger than this from the EHR is refused rather than parsed. */
    static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    private final HttpClient http;
    private final FhirContext fhirContext;
    private final String base;
    private final URI baseUri;
    private final String accessToken;
    private final Duration timeout;

    public RemoteFhirQuery(HttpClient http, FhirContext fhirContext, String fhirServer, String accessToken,
                           Duration timeout) {
        this.http = http;
        this.fhirContext = fhirContext;
        this.base = fhirServer.endsWith("/") ? fhirServer.substring(0, fhirServer.length() - 1) : fhirServer;
        this.baseUri = URI.create(base);
        this.accessToken = accessToken;
        this.timeout = timeout;
    }

    @Override
    public List<Resource> run(String relativeQuery) throws FhirQueryException {
        Resource first = get(URI.create(base + "/" + encode(relativeQuery)));
        if (!(first instanceof Bundle bundle)) {
            return List.of(first);
        }
        List<Resource> resources = new ArrayList<>(RecordAssembler.resourcesOf(bundle));
        Bundle page = bundle;
        for (int pages = 1; page.getLink(Bundle.LINK_NEXT) != null; pages++) {
            if (pages >= MAX_PAGES) {
                throw new FhirQueryException("more than " + MAX_PAGES + " pages of results");
            }
            Resource next = get(onThisServer(page.getLink(Bundle.LINK_NEXT).getUrl()));
            if (!(next instanceof Bundle nextBundle)) {
                throw new FhirQueryException("a next page that is not a Bundle");
            }
            resources.addAll(RecordAssembler.resourcesOf(nextBundle));
            page = nextBundle;
        }
        return resources;
    }

    private Resource get(URI uri) throws FhirQueryException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", "application/fhir+json")
                .GET();
        if (accessToken != null) {
            request.header("Authorization", "Bearer " + accessToken);
        }
        byte[] body;
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() / 100 != 2) {
                    throw new FhirQueryException("FHIR server answered HTTP " + response.statusCode());
                }
                body = readAtMost(in, MAX_BODY_BYTES);
            }
        } catch (IOException e) {
            throw new FhirQueryException("FHIR server unreachable (" + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FhirQueryException("interrupted", e);
        }
        Resource resource;
        try {
            resource = (Resource) fhirContext.newJsonParser()
                    .parseResource(new String(body, StandardCharsets.UTF_8));
        } catch (DataFormatException | ClassCastException e) {
            throw new FhirQueryException("FHIR server answered with something that is not FHIR JSON");
        }
        if (resource instanceof OperationOutcome) {
            throw new FhirQueryException("FHIR server answered with an OperationOutcome");
        }
        return resource;
    }

    /** Reads the body, giving up (and closing the connection) as soon as it passes the limit. */
    private static byte[] readAtMost(InputStream in, int limit) throws IOException, FhirQueryException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        int read;
        while ((read = in.read(buffer)) != -1) {
            if (body.size() + read > limit) {
                throw new FhirQueryException("FHIR server answered with more than " + limit + " bytes");
            }
            body.write(buffer, 0, read);
        }
        return body.toByteArray();
    }

    /** A paging link, if it stays on the FHIR server the EHR named (same origin, under its base path). */
    private URI onThisServer(String link) throws FhirQueryException {
        URI uri;
        try {
            uri = new URI(link);
        } catch (URISyntaxException | NullPointerException e) {
            throw new FhirQueryException("a next link that is not a URL");
        }
        boolean sameOrigin = baseUri.getScheme().equalsIgnoreCase(String.valueOf(uri.getScheme()))
                && baseUri.getHost().equalsIgnoreCase(String.valueOf(uri.getHost()))
                && port(baseUri) == port(uri);
        String path = uri.normalize().getRawPath();
        if (!sameOrigin || path == null || !(path + "/").startsWith(baseUri.getRawPath() + "/")
                || uri.getRawUserInfo() != null) {
            throw new FhirQueryException("a next link outside the FHIR server (" + uri.getScheme() + "://"
                    + uri.getHost() + "), not followed");
        }
        return uri;
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** Percent-encodes each search parameter value; the path and names are ours and already safe. */
    static String encode(String relativeQuery) {
        int question = relativeQuery.indexOf('?');
        if (question < 0) {
            return relativeQuery;
        }
        StringJoiner query = new StringJoiner("&");
        for (String param : relativeQuery.substring(question + 1).split("&")) {
            int equals = param.indexOf('=');
            if (equals < 0) {
                query.add(param);
            } else {
                query.add(param.substring(0, equals + 1)
                        + URLEncoder.encode(param.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return relativeQuery.substring(0, question + 1) + query;
    }
}
