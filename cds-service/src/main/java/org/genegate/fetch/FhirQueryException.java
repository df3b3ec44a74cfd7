package org.genegate.fetch;

/** A FHIR query that gave no usable answer; the message says why, for the "could not verify" card. */
public class FhirQueryException extends Exception {

    public FhirQueryException(String message) {
        super(message);
    }

    public FhirQueryException(String message, Throwable cause) {
        super(message, cause);
    }
}
