package io.dataexporter.classification.transform;

/**
 * The masking treatments as one pass over the text: {@code REDACT}, {@code SHOW_LAST_4} and {@code SHOW_FIRST_4}.
 * Every letter of any script becomes x (X for upper and title case), and so does every other alphabetic character
 * (circled or parenthesized letters, which Unicode classes as symbols); every digit of any script becomes 0, and
 * combining marks are dropped (they carry letters of their own in many scripts); everything else stays. Lengths and positions count
 * code points, as Spark's {@code length} and {@code substr} do. NULL stays NULL.
 */
public final class Masking {

    private Masking() {
    }

    /** The whole text masked. */
    public static String redact(String text) {
        return text == null ? null : mask(text, 0, text.length(), new StringBuilder(text.length())).toString();
    }

    /**
     * How many code points SHOW_* leaves in clear: four, but never more than half of the text, so that at least half of
     * a short value stays hidden (a five-character plate shows two); a text of four code points or fewer shows none.
     */
    static int shown(int length) {
        return length <= 4 ? 0 : Math.min(4, length / 2);
    }

    /** All but the last {@link #shown} code points masked. */
    public static String showLast4(String text) {
        if (text == null) {
            return null;
        }
        int shown = shown(text.codePointCount(0, text.length()));
        if (shown == 0) {
            return redact(text);
        }
        int tail = text.offsetByCodePoints(text.length(), -shown);
        return mask(text, 0, tail, new StringBuilder(text.length())).append(text, tail, text.length()).toString();
    }

    /** All but the first {@link #shown} code points masked. */
    public static String showFirst4(String text) {
        if (text == null) {
            return null;
        }
        int shown = shown(text.codePointCount(0, text.length()));
        if (shown == 0) {
            return redact(text);
        }
        int head = text.offsetByCodePoints(0, shown);
        return mask(text, head, text.length(), new StringBuilder(text.length()).append(text, 0, head)).toString();
    }

    private static StringBuilder mask(String text, int from, int to, StringBuilder out) {
        int i = from;
        while (i < to) {
            char c = text.charAt(i);
            if (c < 0x80) {
                out.append(c >= 'a' && c <= 'z' ? 'x' : c >= 'A' && c <= 'Z' ? 'X' : c >= '0' && c <= '9' ? '0' : c);
                i++;
                continue;
            }
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            switch (Character.getType(codePoint)) {
                case Character.UPPERCASE_LETTER, Character.TITLECASE_LETTER -> out.append('X');
                case Character.LOWERCASE_LETTER, Character.MODIFIER_LETTER, Character.OTHER_LETTER -> out.append('x');
                case Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER -> out.append('0');
                case Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK -> {
                    // dropped
                }
                default -> {
                    if (Character.isAlphabetic(codePoint)) {
                        out.append(Character.isUpperCase(codePoint) ? 'X' : 'x');
                    } else {
                        out.appendCodePoint(codePoint);
                    }
                }
            }
        }
        return out;
    }
}
