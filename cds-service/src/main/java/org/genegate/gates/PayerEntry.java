package org.genegate.gates;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
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

    /** Compiled once per pattern: the table is fixed for the life of the policy. */
    private static final Map<String, Pattern> WHOLE_WORDS = new ConcurrentHashMap<>();

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
            if (WHOLE_WORDS.computeIfAbsent(pattern, PayerEntry::wholeWords).matcher(textLowerCase).find()) {
                return true;
            }
        }
        return false;
    }

    private static Pattern wholeWords(String pattern) {
        return Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(pattern) + "(?![\\p{L}\\p{N}])");
    }
}
