package org.genegate.hooks;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.ErrorHandlerAdapter;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue;

/**
 * Reads draft orders exactly or not at all. HAPI's default (lenient) parser drops an element it cannot read and
 * goes on; for a draft order that would judge an order other than the one the clinician is signing, and the
 * coverage-information action would hand that truncated order back to the EHR as an update. So an unknown
 * element, a wrong JSON type or an invalid value in a draft order makes the request invalid (422). Missing
 * required elements are left to the gates, which report what they lack.
 */
final class DraftOrderErrorHandler extends ErrorHandlerAdapter {

    static final DraftOrderErrorHandler INSTANCE = new DraftOrderErrorHandler();

    private DraftOrderErrorHandler() {
    }

    @Override
    public void incorrectJsonType(IParseLocation location, String element, BaseJsonLikeValue.ValueType expected,
                                  BaseJsonLikeValue.ScalarType expectedScalar, BaseJsonLikeValue.ValueType found,
                                  BaseJsonLikeValue.ScalarType foundScalar) {
        throw new DataFormatException(where(location) + element + " must be a JSON "
                + (expectedScalar != null ? expectedScalar : expected) + ", not a "
                + (foundScalar != null ? foundScalar : found));
    }

    @Override
    public void invalidValue(IParseLocation location, String value, String error) {
        throw new DataFormatException(where(location) + "invalid value: " + error);
    }

    @Override
    public void unexpectedRepeatingElement(IParseLocation location, String element) {
        throw new DataFormatException(where(location) + element + " repeats but may occur only once");
    }

    @Override
    public void unknownElement(IParseLocation location, String element) {
        throw new DataFormatException(where(location) + "unknown element " + element);
    }

    @Override
    public void unknownAttribute(IParseLocation location, String attribute) {
        throw new DataFormatException(where(location) + "unknown attribute " + attribute);
    }

    @Override
    public void extensionContainsValueAndNestedExtensions(IParseLocation location) {
        throw new DataFormatException(where(location) + "an extension has both a value and nested extensions");
    }

    private static String where(IParseLocation location) {
        return location == null || location.getParentElementName() == null ? ""
                : "in " + location.getParentElementName() + ": ";
    }
}
