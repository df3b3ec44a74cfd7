package org.genegate.fetch;

/**
 * Data the record needs was neither handed in nor fetchable from anywhere (the CDS endpoints answer 412, the
 * FHIR operations HAPI's 412): judging without it would be guesswork.
 */
public class RecordIncompleteException extends RuntimeException {

    public RecordIncompleteException(String message) {
        super(message);
    }
}
