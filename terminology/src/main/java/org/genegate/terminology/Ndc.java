package org.genegate.terminology;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NDC normalisation. Labels print 10-digit NDCs in three segment layouts (4-4-2, 5-3-2, 5-4-1);
 * claims and many EHRs use the 11-digit 5-4-2 form. Comparing the 11-digit forms makes every
 * spelling of one product match. A 10-digit NDC written without hyphens has lost its layout, so
 * it has up to three 11-digit readings, and only a lookup against a known set can choose.
 */
public final class Ndc {

    private static final Pattern HYPHENATED = Pattern.compile("(\\d{4,5})-(\\d{3,4})-(\\d{1,2})");
    private static final Pattern ELEVEN = Pattern.compile("\\d{11}");
    private static final Pattern TEN = Pattern.compile("\\d{10}");

    private Ndc() {
    }

    /**
     * The 11-digit 5-4-2 form (no hyphens) of a hyphenated 4-4-2, 5-3-2 or 5-4-1 NDC, of a hyphenated
     * 5-4-2 NDC, or of an 11-digit NDC; empty for anything else, including an unhyphenated 10-digit
     * NDC (see {@link #elevenDigitCandidates(String)}).
     */
    public static Optional<String> toElevenDigits(String ndc) {
        if (ndc == null) {
            return Optional.empty();
        }
        String value = ndc.strip();
        if (ELEVEN.matcher(value).matches()) {
            return Optional.of(value);
        }
        Matcher m = HYPHENATED.matcher(value);
        if (!m.matches()) {
            return Optional.empty();
        }
        String labeler = m.group(1);
        String product = m.group(2);
        String pack = m.group(3);
        if (labeler.length() + product.length() + pack.length() == 11) {
            return Optional.of(labeler + product + pack);
        }
        if (labeler.length() + product.length() + pack.length() != 10) {
            return Optional.empty();
        }
        return Optional.of(pad(labeler, 5) + pad(product, 4) + pad(pack, 2));
    }

    /**
     * Every 11-digit reading of an NDC: one for hyphenated or 11-digit input, three for an unhyphenated
     * 10-digit NDC (zero-padding the labeler, the product or the package), none for anything else.
     */
    public static List<String> elevenDigitCandidates(String ndc) {
        Optional<String> direct = toElevenDigits(ndc);
        if (direct.isPresent()) {
            return List.of(direct.get());
        }
        if (ndc == null || !TEN.matcher(ndc.strip()).matches()) {
            return List.of();
        }
        String digits = ndc.strip();
        List<String> candidates = new ArrayList<>(3);
        candidates.add("0" + digits);                                            // 4-4-2
        candidates.add(digits.substring(0, 5) + "0" + digits.substring(5));      // 5-3-2
        candidates.add(digits.substring(0, 9) + "0" + digits.substring(9));      // 5-4-1
        return List.copyOf(candidates);
    }

    /**
     * The claim (837 LIN03) form: 11 digits, no hyphens, e.g. {@code 0053-0300-30} becomes
     * {@code 00053030030}.
     *
     * @throws IllegalArgumentException when the NDC has no single 11-digit reading (an unhyphenated
     *     10-digit NDC is ambiguous: resolve it against a known set first)
     */
    public static String claimFormat(String ndc) {
        return toElevenDigits(ndc).orElseThrow(() -> new IllegalArgumentException(
                "NDC '" + ndc + "' has no unambiguous 11-digit form; write it with hyphens or as 11 digits"));
    }

    private static String pad(String segment, int width) {
        return "0".repeat(width - segment.length()) + segment;
    }
}
