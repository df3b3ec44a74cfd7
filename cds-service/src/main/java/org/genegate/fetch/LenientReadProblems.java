package org.genegate.fetch;

import ca.uhn.fhir.parser.ErrorHandlerAdapter;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Notes every place where a draft order is not exact FHIR while HAPI reads it leniently (HAPI keeps a single
 * object where an array belongs, and drops an unknown element or an invalid value). Real clients send such
 * orders (the CDS Hooks sandbox sends {@code category} as one object, the spec's order-select example
 * {@code doseAndRate} as one object); a Hemgenix order among them is still judged, its card says what was
 * repaired, and the coverage-information action, which hands the order back to the EHR, is left out. Missing
 * required elements are left to the gates, which report what they lack. One instance per parse.
 */
public final class LenientReadProblems extends ErrorHandlerAdapter {

    private final List<String> problems = new ArrayList<>();

    public List<String> problems() {
        return List.copyOf(problems);
    }

    @Override
    public void incorrectJsonType(IParseLocation location, String element, BaseJsonLikeValue.ValueType expected,
                                  BaseJsonLikeValue.ScalarType expectedScalar, BaseJsonLikeValue.ValueType found,
                                  BaseJsonLikeValue.ScalarType foundScalar) {
        problems.add(where(location) + element + " must be a JSON "
                + (expectedScalar != null ? expectedScalar : expected) + ", not a "
                + (foundScalar != null ? foundScalar : found));
    }

    @Override
    public void invalidValue(IParseLocation location, String value, String error) {
        problems.add(where(location) + "invalid value (dropped): " + error);
    }

    @Override
    public void unexpectedRepeatingElement(IParseLocation location, String element) {
        problems.add(where(location) + element + " repeats but may occur only once");
    }

    @Override
    public void unknownElement(IParseLocation location, String element) {
        problems.add(where(location) + "unknown element " + element + " (ignored)");
    }

    @Override
    public void unknownAttribute(IParseLocation location, String attribute) {
        problems.add(where(location) + "unknown attribute " + attribute + " (ignored)");
    }

    @Override
    public void extensionContainsValueAndNestedExtensions(IParseLocation location) {
        problems.add(where(location) + "an extension has both a value and nested extensions");
    }

    private static String where(IParseLocation location) {
        return location == null || location.getParentElementName() == null ? ""
                : "in " + location.getParentElementName() + ": ";
    }
}
