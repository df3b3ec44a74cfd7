package org.genegate.hooks;

import org.springframework.http.HttpStatus;

/**
 * A hook call GeneGate answers with an error status and an OperationOutcome instead of cards.
 *
 * @see CdsErrorHandler
 */
public class HookRequestException extends RuntimeException {

    private final HttpStatus status;
    private final String issueCode;
    private final String allow;

    public HookRequestException(HttpStatus status, String issueCode, String message) {
        this(status, issueCode, message, null);
    }

    private HookRequestException(HttpStatus status, String issueCode, String message, String allow) {
        super(message);
        this.status = status;
        this.issueCode = issueCode;
        this.allow = allow;
    }

    /** 400: the body is not JSON at all. */
    public static HookRequestException notJson(String message) {
        return new HookRequestException(HttpStatus.BAD_REQUEST, "structure", message);
    }

    /** 422: JSON, but not a valid CDS Hooks request. */
    public static HookRequestException invalid(String message) {
        return new HookRequestException(HttpStatus.UNPROCESSABLE_ENTITY, "invalid", message);
    }

    /** 412: data the service needs was neither prefetched nor fetchable. */
    public static HookRequestException preconditionFailed(String message) {
        return new HookRequestException(HttpStatus.PRECONDITION_FAILED, "incomplete", message);
    }

    public static HookRequestException unknownService(String id) {
        return new HookRequestException(HttpStatus.NOT_FOUND, "not-found", "No CDS service with id "
                + HookRequestReader.quoted(id));
    }

    /** 404: a path under /cds-services that names nothing. */
    public static HookRequestException notFound(String path) {
        return new HookRequestException(HttpStatus.NOT_FOUND, "not-found", "Nothing at " + HookRequestReader.quoted(path)
                + "; GET /cds-services lists the services");
    }

    /** 405: hooks are called with POST, discovery with GET. */
    public static HookRequestException methodNotAllowed(String method, String allowed) {
        return new HookRequestException(HttpStatus.METHOD_NOT_ALLOWED, "not-supported",
                HookRequestReader.quoted(method) + " is not supported here; use " + allowed, allowed);
    }

    /** 413: the body is over the configured limit. */
    public static HookRequestException tooLarge(String message) {
        return new HookRequestException(HttpStatus.PAYLOAD_TOO_LARGE, "too-long", message);
    }

    /** 415: the body is declared as something other than JSON. */
    public static HookRequestException unsupportedMediaType(String message) {
        return new HookRequestException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "not-supported", message);
    }

    /** The methods a 405 names in its Allow header; null for other statuses. */
    public String allow() {
        return allow;
    }

    public HttpStatus status() {
        return status;
    }

    public String issueCode() {
        return issueCode;
    }
}
