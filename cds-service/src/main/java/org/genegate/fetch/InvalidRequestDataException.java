package org.genegate.fetch;

/**
 * Data handed in with a request (prefetch, a draft order, an id that goes into a query) is not what it claims
 * to be. Each edge answers it in its own way: the CDS endpoints with 422, the FHIR operations with HAPI's 422.
 */
public class InvalidRequestDataException extends RuntimeException {

    public InvalidRequestDataException(String message) {
        super(message);
    }
}
