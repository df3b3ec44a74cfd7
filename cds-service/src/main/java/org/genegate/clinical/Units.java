package org.genegate.clinical;

import org.hl7.fhir.r4.model.Quantity;

/**
 * Unit comparison for values read from labs and orders. Labs write the same unit in several ways
 * (UCUM code or free text, µ or u, IU or U, with or without spaces); a gate compares units
 * through here so that one spelling is not a pass and another a miss.
 */
public final class Units {

    private Units() {
    }

    /** Lower case, no spaces, micro sign as "u", "[iu]" and "iu" as "u" (labs use IU/L and U/L alike). */
    public static String normalize(String unit) {
        if (unit == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(unit.length());
        for (int i = 0; i < unit.length(); i++) {
            char c = unit.charAt(i);
            if (Character.isWhitespace(c)) {
                continue;
            }
            if (c == 'µ' || c == 'μ') {
                out.append('u');
            } else {
                out.append(Character.toLowerCase(c));
            }
        }
        String text = out.toString();
        return text.replace("[iu]", "u").replace("iu/", "u/");
    }

    public static boolean same(String a, String b) {
        return !normalize(a).isEmpty() && normalize(a).equals(normalize(b));
    }

    /** Whether the quantity's UCUM code or its unit text is one of the given units. */
    public static boolean isOneOf(Quantity quantity, String... units) {
        String code = normalize(quantity.getCode());
        String text = normalize(quantity.getUnit());
        for (String unit : units) {
            String wanted = normalize(unit);
            if (wanted.equals(code) || wanted.equals(text)) {
                return true;
            }
        }
        return false;
    }

    /** The unit as a clinician would read it: the text when present, else the code. */
    public static String label(Quantity quantity) {
        if (quantity.hasUnit()) {
            return quantity.getUnit();
        }
        return quantity.hasCode() ? quantity.getCode() : "";
    }
}
