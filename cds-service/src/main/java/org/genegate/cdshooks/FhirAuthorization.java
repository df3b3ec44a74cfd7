package org.genegate.cdshooks;

/** The OAuth 2.0 token the EHR hands the service for reading its FHIR server. */
public record FhirAuthorization(String accessToken, String tokenType, Long expiresIn, String scope, String subject) {
}
