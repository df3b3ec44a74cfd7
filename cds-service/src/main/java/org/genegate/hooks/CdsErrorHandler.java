package org.genegate.hooks;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every error of the CDS endpoints as an OperationOutcome, with the status CDS Hooks expects: 400 not JSON,
 * 404 unknown service, 412 data neither prefetched nor fetchable, 422 not a valid hook request.
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
        return outcome(e.status(), e.issueCode(), e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    public ResponseEntity<String> unreadable(HttpMessageNotReadableException e) {
        return outcome(HttpStatus.BAD_REQUEST, "structure", "The request body could not be read");
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
