package org.genegate.gates;

import java.util.List;
import java.util.Locale;
import org.genegate.policy.Link;

/**
 * One row of the policy's payer table.
 *
 * @param match                  case-insensitive names, matched as whole words (a run of words bounded by anything
 *                               but a letter or digit) in the Coverage payor's name, display, identifier and plan
 * @param outcomesBasedAgreement what the table says of outcomes-based agreements, as text
 * @param documentation          what the payer wants in the prior-authorization packet
 * @param source                 where the row comes from
 */
public record PayerEntry(String id, String name, List<String> match, PriorAuthorization priorAuthorization,
                         String outcomesBasedAgreement, List<String> documentation, List<Link> links, String source) {

    public PayerEntry {
        // Stored in lower case once so matching a payor name costs no per-call lower-casing of the table.
        match = match.stream().map(m -> m.toLowerCase(Locale.ROOT)).toList();
        documentation = List.copyOf(documentation);
        links = List.copyOf(links);
    }

    /**
     * Whether the given text (already lower case) names this payer: a pattern counts only as whole words,
     * so "uhc" is not found in "suhcare" and "medicare" not in "medicareblue".
     */
    public boolean matchesLowerCase(String textLowerCase) {
        for (String pattern : match) {
            if (containsAsWholeWords(textLowerCase, pattern)) {
                return true;
            }
        }
        return false;
    }

    /** A plain scan, not a regular expression: this runs for every row on every assessment. */
    private static boolean containsAsWholeWords(String text, String pattern) {
        if (pattern.isEmpty()) {
            return false;
        }
        for (int at = text.indexOf(pattern); at >= 0; at = text.indexOf(pattern, at + 1)) {
            int end = at + pattern.length();
            boolean startsWord = at == 0 || !isLetterOrNumber(text.codePointBefore(at));
            boolean endsWord = end == text.length() || !isLetterOrNumber(text.codePointAt(end));
            if (startsWord && endsWord) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLetterOrNumber(int codePoint) {
        int type = Character.getType(codePoint);
        return Character.isLetter(codePoint) || type == Character.DECIMAL_DIGIT_NUMBER
                || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
    }
}
