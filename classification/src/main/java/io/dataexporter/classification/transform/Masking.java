package io.dataexporter.classification.transform;

/**
 * The masking treatments as one pass over the text: {@code REDACT}, {@code SHOW_LAST_4} and {@code SHOW_FIRST_4}.
 * Every letter of any script becomes x (X for upper and title case), every digit of any script 0, and combining marks
 * are dropped (they carry letters of their own in many scripts); everything else stays. Lengths and positions count
 * code points, as Spark's {@code length} and {@code substr} do. NULL stays NULL.
 */
public final class Masking {

    private Masking() {
    }

    /** The whole text masked. */
    public static String redact(String text) {
        return text == null ? null : mask(text, 0, text.length(), new StringBuilder(text.length())).toString();
    }

    /** All but the last four code points masked; a text of four code points or fewer is masked whole. */
    public static String showLast4(String text) {
        if (text == null) {
            return null;
        }
        int length = text.codePointCount(0, text.length());
        if (length <= 4) {
            return redact(text);
        }
        int tail = text.offsetByCodePoints(text.length(), -4);
        return mask(text, 0, tail, new StringBuilder(text.length())).append(text, tail, text.length()).toString();
    }

    /** All but the first four code points masked; a text of four code points or fewer is masked whole. */
    public static String showFirst4(String text) {
        if (text == null) {
            return null;
        }
        int length = text.codePointCount(0, text.length());
        if (length <= 4) {
            return redact(text);
        }
        int head = text.offsetByCodePoints(0, 4);
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
                default -> out.appendCodePoint(codePoint);
            }
        }
        return out;
    }
}
