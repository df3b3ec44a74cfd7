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

    public HookRequestException(HttpStatus status, String issueCode, String message) {
        super(message);
        this.status = status;
        this.issueCode = issueCode;
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
        return new HookRequestException(HttpStatus.NOT_FOUND, "not-found", "No CDS service with id '" + id + "'");
    }

    public HttpStatus status() {
        return status;
    }

    public String issueCode() {
        return issueCode;
    }
}
