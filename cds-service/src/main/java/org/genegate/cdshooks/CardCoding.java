package org.genegate.cdshooks;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A FHIR-style coding as CDS Hooks carries it in JSON (topic, override reasons). */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record CardCoding(String system, String code, String display) {
}
