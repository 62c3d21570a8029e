package io.dataexporter.classification.transform;

import java.text.Normalizer;

/**
 * Folds the forms text can hide personal information behind into the plain forms the scrubber's detectors read:
 * characters that show nothing (zero-width spaces and joiners, the word joiner, soft hyphens, bidirectional marks,
 * variation selectors) are dropped; compatibility forms are folded by NFKC (fullwidth and mathematical digits and
 * letters, {@code ＠}, {@code ．}, no-break and punctuation spaces); decimal digits of every script become ASCII digits,
 * and dashes of every kind (non-breaking hyphen, en and em dashes, ...) {@code -};
 * and middle dots between two digits ({@code ·}, {@code ‧}, {@code ∙}, {@code ⋅}, {@code ・}) become {@code .}.
 *
 * <p>Text of ASCII characters alone is returned as it is, at the cost of one pass. Pure and thread-safe.
 */
final class TextFolding {

    private static final String MIDDLE_DOTS = "\u00B7\u2027\u2219\u22C5\u30FB";

    private TextFolding() {
    }

    /** The folded text; the same instance when there is nothing to fold. */
    static String fold(String text) {
        if (isAscii(text)) {
            return text;
        }
        StringBuilder visible = new StringBuilder(text.length());
        text.codePoints().filter(codePoint -> !isInvisible(codePoint)).forEach(visible::appendCodePoint);
        String compatible = Normalizer.normalize(visible, Normalizer.Form.NFKC);
        StringBuilder digits = new StringBuilder(compatible.length());
        compatible.codePoints().forEach(codePoint -> {
            if (Character.getType(codePoint) == Character.DECIMAL_DIGIT_NUMBER && (codePoint < '0' || codePoint > '9')) {
                digits.append((char) ('0' + Character.digit(codePoint, 10)));
            } else if (Character.getType(codePoint) == Character.DASH_PUNCTUATION) {
                digits.append('-');
            } else {
                digits.appendCodePoint(codePoint);
            }
        });
        for (int i = 1; i + 1 < digits.length(); i++) {
            if (MIDDLE_DOTS.indexOf(digits.charAt(i)) >= 0 && isAsciiDigit(digits.charAt(i - 1)) && isAsciiDigit(digits.charAt(i + 1))) {
                digits.setCharAt(i, '.');
            }
        }
        String folded = digits.toString();
        return folded.equals(text) ? text : folded;
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    // Format characters (Cf: zero-width space, joiners, word joiner, soft hyphen, bidirectional marks, BOM), the combining
    // grapheme joiner, Mongolian free variation selectors and the variation selectors: none shows anything on its own.
    private static boolean isInvisible(int codePoint) {
        return Character.getType(codePoint) == Character.FORMAT || codePoint == 0x034F || (codePoint >= 0x180B && codePoint <= 0x180D)
                || (codePoint >= 0xFE00 && codePoint <= 0xFE0F) || (codePoint >= 0xE0100 && codePoint <= 0xE01EF);
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
