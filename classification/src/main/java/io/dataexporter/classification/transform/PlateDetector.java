package io.dataexporter.classification.transform;

import java.util.List;

/**
 * The vehicle plate formats of every Australian state and territory {@code <PLATE>}: in upper case with an optional
 * space, hyphen or dot between their parts, or written together in any case (the digits-first Queensland forms in upper
 * case only, so that "120kph" stays); in angle brackets too.
 */
final class PlateDetector implements Detector {

    // Plate formats, L a letter, D a digit, - an optional space, hyphen or dot: each in upper case with separators, and (unless
    // it ends in !) in any case without them. Longest first: where formats overlap ("1 ABC 234" holds "ABC 234"), the
    // whole plate is one find.
    static final List<String> PLATE_FORMATS = List.of(
            // WA 1ABC234
            "D-LLL-DDD",
            // SA S123ABC
            "L-DDD-LLL",
            // VIC 1AB2CD
            "D-LL-D-LL",
            // NSW ABC12D, ACT YAB12C
            "LLL-DD-L",
            // NSW AB12CD, NT CA12BC
            "LL-DD-LL",
            // QLD 123AB4 and 123ABC: upper case only, so that "120kph" stays
            "DDD-LL-D!",
            "DDD-LLL!",
            // generic (every state's older series), e.g. ABC 123
            "LLL-DDD",
            // TAS A12BC
            "L-DD-LL");
    // Each format as tried: in upper case with its separators, then (or null) in any case without them.
    private static final String[][] PLATE_FORMS = PLATE_FORMATS.stream().map(format -> new String[] {format.replace("!", ""),
        format.endsWith("!") ? null : format.replace("-", "")}).toArray(String[][]::new);

    @Override
    public boolean mayFind(TextProfile profile) {
        return profile.digits() > 0;
    }

    @Override
    public String replace(String text) {
        return replacePlates(text);
    }

    /**
     * Each plate replaced, scanning left to right. A plate starts where no letter, mark or number stands before it and
     * ends where none follows (so {@code <ABC123>} is a plate in brackets). At a start, the formats are tried in order (longest
     * first: "1 ABC 234" is one plate, not "ABC 234"): each in upper case with each separator present or not (present
     * first), then, unless it ends in {@code !}, in any case without separators; the first that fits is the plate.
     * This is what the regular expression of the formats finds (the tests hold it to that), without its cost.
     */
    static String replacePlates(String text) {
        StringBuilder out = null;
        int last = 0;
        int i = 0;
        while (i < text.length()) {
            if (!isAsciiLetterOrDigit(text.charAt(i))) {
                i++;
                continue;
            }
            // a word of ASCII letters and digits: only its first character can start a plate
            int wordEnd = i;
            boolean lowerCase = false;
            while (wordEnd < text.length() && isAsciiLetterOrDigit(text.charAt(wordEnd))) {
                lowerCase |= text.charAt(wordEnd) >= 'a';
                wordEnd++;
            }
            int end = plateCanStart(text, i, wordEnd, lowerCase) ? plateEnd(text, i) : -1;
            if (end < 0) {
                i = wordEnd;
                continue;
            }
            out = out == null ? new StringBuilder(text.length()) : out;
            out.append(text, last, i).append(Placeholder.PLATE.text());
            last = end;
            i = end;
        }
        return out == null ? text : out.append(text, last, text.length()).toString();
    }

    private static int plateEnd(String text, int start) {
        boolean digit = text.charAt(start) <= '9';
        for (String[] forms : PLATE_FORMS) {
            if (forms[0].charAt(0) == 'D' != digit) {
                continue;
            }
            int end = plateEnd(text, start, forms[0], 0, true);
            if (end < 0 && forms[1] != null) {
                end = plateEnd(text, start, forms[1], 0, false);
            }
            if (end >= 0) {
                return end;
            }
        }
        return -1;
    }

    // The end of the plate that format[f..] fits at text[position..], or -1; separators present are tried first.
    private static int plateEnd(String text, int position, String format, int f, boolean upperOnly) {
        if (f == format.length()) {
            return position == text.length() || !isWord(text.codePointAt(position)) ? position : -1;
        }
        char expected = format.charAt(f);
        char actual = position < text.length() ? text.charAt(position) : 0;
        if (expected == '-') {
            int end = isPlateSeparator(actual) ? plateEnd(text, position + 1, format, f + 1, upperOnly) : -1;
            return end >= 0 ? end : plateEnd(text, position, format, f + 1, upperOnly);
        }
        boolean fits = expected == 'D' ? actual >= '0' && actual <= '9' : actual >= 'A' && actual <= 'Z' || !upperOnly && actual >= 'a' && actual <= 'z';
        return fits ? plateEnd(text, position + 1, format, f + 1, upperOnly) : -1;
    }

    // Cheap necessary conditions on the word text[start, wordEnd) of ASCII letters and digits: nothing of a word or a
    // bracket before it, at most 7 long, nothing of a word after it, a digit within the 9 characters a plate spans at
    // most; with a lower-case letter it can only be a whole plate without separators, 5 to 7 long. (The character
    // before is read as the pattern reads it: one UTF-16 unit.)
    private static boolean plateCanStart(String text, int start, int wordEnd, boolean lowerCase) {
        if (start > 0 && isWord(text.codePointAt(start - 1))) {
            return false;
        }
        if (wordEnd - start > 7 || lowerCase && wordEnd - start < 5 || wordEnd < text.length() && isWord(text.codePointAt(wordEnd))) {
            return false;
        }
        // in upper case, a plate is one to four such words with one separator between, 5 to 7 letters and digits in all
        int letters = wordEnd - start;
        int position = wordEnd;
        while (letters < 5 && position + 1 < text.length() && isPlateSeparator(text.charAt(position))) {
            int next = position + 1;
            while (next < text.length() && isUpperCaseLetterOrDigit(text.charAt(next))) {
                next++;
            }
            if (next == position + 1 || next < text.length() && isAsciiLetterOrDigit(text.charAt(next))) {
                break;
            }
            letters += next - position - 1;
            position = next;
        }
        if (letters < 5 || letters > 7) {
            return false;
        }
        for (int j = start; j < Math.min(text.length(), start + 9); j++) {
            if (text.charAt(j) >= '0' && text.charAt(j) <= '9') {
                return true;
            }
        }
        return false;
    }

    private static boolean isPlateSeparator(char c) {
        return c == ' ' || c == '-' || c == '.';
    }

    private static boolean isUpperCaseLetterOrDigit(char c) {
        return c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    // A character of WORD: a letter, mark or number of any script.
    private static boolean isWord(int codePoint) {
        return Character.isLetter(codePoint) || Character.isDigit(codePoint) || switch (Character.getType(codePoint)) {
            case Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK, Character.LETTER_NUMBER,
                    Character.OTHER_NUMBER -> true;
            default -> false;
        };
    }

}
