package org.genegate.policy;

import java.util.List;
import java.util.Locale;

/**
 * One row of the policy's payer table.
 *
 * @param match                  case-insensitive substrings of the Coverage payor's name, display or identifier
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

    /** Whether the given payor text (already lower case) names this payer. */
    public boolean matchesLowerCase(String payorTextLowerCase) {
        for (String pattern : match) {
            if (payorTextLowerCase.contains(pattern)) {
                return true;
            }
        }
        return false;
    }
}
