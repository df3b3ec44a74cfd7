package org.genegate.cdshooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * A create / update / delete action. {@code resource} is the FHIR JSON of the resource, written
 * through as is (already serialised by HAPI's parser, so it is valid FHIR JSON).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Action(String type, String description, @JsonRawValue String resource, String resourceId) {

    public static Action create(String description, String resourceJson) {
        return new Action("create", description, resourceJson, null);
    }

    public static Action update(String description, String resourceJson) {
        return new Action("update", description, resourceJson, null);
    }

    public static Action delete(String description, String resourceId) {
        return new Action("delete", description, null, resourceId);
    }
}
