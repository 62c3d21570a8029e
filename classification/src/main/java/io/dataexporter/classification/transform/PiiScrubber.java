package io.dataexporter.classification.transform;

import java.util.List;

/**
 * Finds personal information inside free text and replaces each find by a placeholder: e-mail addresses
 * ({@code <EMAIL>}, internationalised and disguised ones too), IPv6 and IPv4 addresses ({@code <IP>}), MAC addresses,
 * payment-card numbers and IMEIs (Luhn-checked; {@code <CARD>}, {@code <DEVICE_ID>}), Australian tax file and Medicare
 * numbers (check digits; {@code <GOV_ID>}), phone numbers ({@code <PHONE>}, found by libphonenumber with Australia as
 * the default region, and among other numbers by the shapes numbers are dialled in) and the vehicle plate formats of
 * every Australian state and territory ({@code <PLATE>}). Text is folded first ({@link TextFolding}: invisible
 * characters dropped, NFKC, digits of every script as ASCII), and separators people put between digits (dashes, no-break
 * and thin spaces, middle dots, tabs, underscores) are read as hyphens, spaces and dots. A text with a find comes out in
 * its folded form with the placeholders; a text without one comes out exactly as it went in. A cheap check first skips what cannot hold any
 * of them (no digit, no {@code @}, fewer than two {@code :}), and each search runs only where that check found what it
 * needs (a long enough run of digits, three dots, a word that can start a plate), so text with nothing to find costs
 * next to nothing. Pure and thread-safe.
 */
public final class PiiScrubber {

    /** Longest cell the scrubber reads (characters); a longer one is withheld (NULL), never cut or passed through. */
    public static final int MAX_CELL_CHARS = 1 << 20;

    // in this order: an e-mail address holds dots and digits an IPv4 or a plate search would take, a MAC address colons
    // an IPv6 search would; cards and government numbers before phones, whose search would take their digits
    private static final List<Detector> DETECTORS = List.of(new EmailDetector(), new MacDetector(), new Ipv6Detector(), new Ipv4Detector(),
            new CardDetector(), new GovernmentNumberDetector(), new PhoneDetector(), new PlateDetector());

    private PiiScrubber() {
    }

    /**
     * The text with every find replaced by its placeholder; NULL stays NULL. A cell longer than {@link #MAX_CELL_CHARS}
     * (before or after folding) is withheld: NULL, so that one cell can neither leak nor stop its table.
     */
    public static String scrub(String original) {
        if (original == null || original.length() > MAX_CELL_CHARS) {
            return null;
        }
        String folded = TextFolding.fold(original);
        if (folded.length() > MAX_CELL_CHARS) {
            return null; // NFKC expanded it past the limit
        }
        String text = normalizeSeparators(folded);
        TextProfile profile = TextProfile.of(text);
        if (profile.empty()) {
            return original;
        }
        String out = text;
        for (Detector detector : DETECTORS) {
            if (detector.mayFind(profile)) {
                out = detector.replace(out);
            }
        }
        return out.equals(text) ? original : out;
    }

    /**
     * The separators people put between the digits of one number, in their ASCII forms: dashes (en, em, minus, non-breaking
     * hyphen) become '-', spaces (no-break, thin, figure, narrow no-break), tabs and underscores between two digits become
     * ' ', and a fullwidth at sign becomes '@'. One character for one, so the text keeps its length. Text that holds none
     * is returned as is (the output of a text with nothing to find is the input, unchanged).
     */
    static String normalizeSeparators(String text) {
        char[] chars = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char replacement = c;
            if (c == '\uFF20') {
                replacement = '@';
            } else if (i > 0 && i + 1 < text.length() && isAsciiDigit(text.charAt(i - 1)) && isAsciiDigit(text.charAt(i + 1))) {
                replacement = switch (c) {
                    case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212' -> '-';
                    case '\u00A0', '\u2007', '\u2009', '\u202F', '\t', '_' -> ' ';
                    default -> c;
                };
            }
            if (replacement != c) {
                chars = chars == null ? text.toCharArray() : chars;
                chars[i] = replacement;
            }
        }
        return chars == null ? text : new String(chars);
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

}
