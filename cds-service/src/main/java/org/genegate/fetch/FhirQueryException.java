package org.genegate.fetch;

/** A FHIR query that gave no usable answer; the message says why, for the "could not verify" card. */
public class FhirQueryException extends Exception {

    private final boolean notFound;

    public FhirQueryException(String message) {
        this(message, null, false);
    }

    public FhirQueryException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private FhirQueryException(String message, Throwable cause, boolean notFound) {
        super(message, cause);
        this.notFound = notFound;
    }

    /** The server answered, and the resource read does not exist (or was deleted): an answer, not a fault. */
    public static FhirQueryException notFound(String message, Throwable cause) {
        return new FhirQueryException(message, cause, true);
    }

    public boolean isNotFound() {
        return notFound;
    }
}
