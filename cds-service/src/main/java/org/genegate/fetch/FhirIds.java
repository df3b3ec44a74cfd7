package org.genegate.fetch;

import java.util.regex.Pattern;

/**
 * FHIR logical ids ({@code [A-Za-z0-9\-\.]}, FHIR R4 §2.26 "id" datatype) and {@code Type/id} references. R4 caps
 * an id at 64 characters, but Epic sends ids of about 200; length changes nothing in a query, so up to
 * {@value #MAX_LENGTH} are read.
 * Ids from a hook request are written into FHIR queries ({@code Condition?patient=<id>}), so anything else
 * ({@code p1&_include=*}, {@code ../x}, {@code a%2Fb}) could change what the query asks for; it is refused.
 */
public final class FhirIds {

    /** The longest id read. */
    public static final int MAX_LENGTH = 256;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9\\-.]{1," + MAX_LENGTH + "}");
    private static final Pattern ONLY_DOTS = Pattern.compile("\\.+");
    private static final Pattern TYPED = Pattern.compile("[A-Z][A-Za-z]{1,63}/[A-Za-z0-9\\-.]{1," + MAX_LENGTH + "}");

    private FhirIds() {
    }

    /** A FHIR id; "." and ".." match the FHIR pattern but are path steps, not ids, and are refused too. */
    public static boolean isId(String value) {
        return value != null && ID.matcher(value).matches() && !ONLY_DOTS.matcher(value).matches();
    }

    /** {@code Practitioner/abc}: a resource type and an id, nothing else. */
    public static boolean isTypedId(String value) {
        return value != null && TYPED.matcher(value).matches() && isId(value.substring(value.indexOf('/') + 1));
    }
}
