package org.genegate.hooks;

import ca.uhn.fhir.context.FhirContext;
import org.genegate.fetch.InvalidRequestDataException;
import org.genegate.fetch.RecordIncompleteException;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every error of the CDS endpoints as an OperationOutcome, with the status CDS Hooks expects: 400 not JSON,
 * 404 unknown service, 405 wrong method, 412 data neither prefetched nor fetchable, 413 body too large,
 * 415 not JSON by its Content-Type, 422 not a valid hook request.
 */
@RestControllerAdvice(assignableTypes = CdsServicesController.class)
public class CdsErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(CdsErrorHandler.class);

    private final FhirContext fhirContext;

    public CdsErrorHandler(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    @ExceptionHandler(HookRequestException.class)
    public ResponseEntity<String> hookRequest(HookRequestException e) {
        log.info("hook request refused with {}: {}", e.status().value(), e.getMessage());
        ResponseEntity<String> outcome = outcome(e.status(), e.issueCode(), e.getMessage());
        if (e.allow() == null) {
            return outcome;
        }
        return ResponseEntity.status(outcome.getStatusCode()).headers(outcome.getHeaders())
                .header(HttpHeaders.ALLOW, e.allow()).body(outcome.getBody());
    }

    @ExceptionHandler(InvalidRequestDataException.class)
    public ResponseEntity<String> invalidData(InvalidRequestDataException e) {
        return hookRequest(HookRequestException.invalid(e.getMessage()));
    }

    @ExceptionHandler(RecordIncompleteException.class)
    public ResponseEntity<String> recordIncomplete(RecordIncompleteException e) {
        return hookRequest(HookRequestException.preconditionFailed(e.getMessage()));
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<String> unexpected(Exception e) {
        if (e instanceof ErrorResponse springRefusal) {
            // Spring's own refusals (wrong method, wrong media type, ...) keep their status.
            HttpStatusCode status = springRefusal.getStatusCode();
            return outcome(status, status.value() == 404 ? "not-found" : "invalid", e.getMessage());
        }
        log.error("hook failed unexpectedly", e);
        return outcome(HttpStatus.INTERNAL_SERVER_ERROR, "exception",
                "GeneGate could not evaluate this request (" + e.getClass().getSimpleName()
                        + "); no gate was passed. Check the order by hand.");
    }

    /** The OperationOutcome every CDS endpoint error carries; also written by the JWT filter in front of them. */
    public ResponseEntity<String> outcome(HttpStatusCode status, String issueCode, String message) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue()
                .setSeverity(status.is5xxServerError() ? OperationOutcome.IssueSeverity.FATAL
                        : OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.fromCode(issueCode))
                .setDiagnostics(message);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(fhirContext.newJsonParser().encodeResourceToString(outcome));
    }
}
