package io.dataexporter.classification.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Runs of digit groups with single separators between ({@code 4111 1111 1111 1111}, {@code 123-456-782}), not inside a
 * longer number, and the numbers found inside them by a search over their groups. Scanned by hand, not by a regular
 * expression: Java's engine recurses once per repeated group, so a cell of a hundred thousand "1 " would exhaust the
 * stack.
 */
final class DigitRuns {

    private static final String SEPARATORS = " .-";
    /** The most groups a search is given at once: more than any number it looks for has. */
    static final int MAX_GROUPS = 32;

    /** A window of whole digit groups of one run, and its placeholder; {@code needsCue}: only after a cue. */
    record Find(int from, int to, Placeholder placeholder, boolean needsCue) {
        Find(int from, int to, Placeholder placeholder) {
            this(from, to, placeholder, false);
        }
    }

    private DigitRuns() {
    }

    /**
     * Runs {@code search} over each run's digit groups and replaces what it finds, repeatedly along the run. A run right
     * after a '+' is left to the phone search (an international number's country code).
     *
     * @param cue what must stand in the 24 characters before a find that {@link Find#needsCue() needs a cue}
     */
    static String replace(String text, Function<List<String>, Find> search, Pattern cue) {
        StringBuilder out = null;
        int last = 0;
        int i = 0;
        while (i < text.length()) {
            if (!isAsciiDigit(text.charAt(i)) || i > 0 && isNumber(text.codePointBefore(i))) {
                i++;
                continue;
            }
            List<int[]> spans = groups(text, i);
            int runEnd = spans.get(spans.size() - 1)[1];
            while (!spans.isEmpty() && spans.get(spans.size() - 1)[1] < text.length() && isNumber(text.codePointAt(spans.get(spans.size() - 1)[1]))) {
                spans.remove(spans.size() - 1); // not inside a longer number: the run ends before the last group
            }
            if (spans.isEmpty() || i > 0 && text.charAt(i - 1) == '+') {
                i = runEnd;
                continue;
            }
            String replaced = replaceInRun(text, spans, search, cue);
            if (replaced != null) {
                out = out == null ? new StringBuilder(text.length()) : out;
                out.append(text, last, i).append(replaced);
                last = spans.get(spans.size() - 1)[1];
            }
            i = runEnd;
        }
        return out == null ? text : out.append(text, last, text.length()).toString();
    }

    // The digit groups of the run starting at start: [start, end) of each.
    private static List<int[]> groups(String text, int start) {
        List<int[]> spans = new ArrayList<>();
        int i = start;
        while (true) {
            int groupStart = i;
            while (i < text.length() && isAsciiDigit(text.charAt(i))) {
                i++;
            }
            spans.add(new int[] {groupStart, i});
            if (i + 1 < text.length() && SEPARATORS.indexOf(text.charAt(i)) >= 0 && isAsciiDigit(text.charAt(i + 1))) {
                i++;
                continue;
            }
            return spans;
        }
    }

    // The run with each find replaced, or null when there is none.
    private static String replaceInRun(String text, List<int[]> spans, Function<List<String>, Find> search, Pattern cue) {
        int runStart = spans.get(0)[0];
        StringBuilder replaced = new StringBuilder();
        int runLast = runStart;
        int first = 0;
        boolean found = false;
        while (first < spans.size()) {
            // the search sees the next groups of the run, a bounded number: what it looks for spans fewer, and a run of a
            // hundred thousand groups costs linear time, not quadratic
            List<String> groups = spans.subList(first, Math.min(spans.size(), first + MAX_GROUPS)).stream().map(span -> text.substring(span[0], span[1]))
                    .toList();
            Find find = search.apply(groups);
            if (find == null) {
                break;
            }
            int start = spans.get(first + find.from())[0];
            int end = spans.get(first + find.to() - 1)[1];
            if (find.needsCue() && !cue.matcher(text.substring(Math.max(0, start - 24), start)).find()) {
                first += find.from() + 1;
                continue;
            }
            replaced.append(text, runLast, start).append(find.placeholder().text());
            runLast = end;
            first += find.to();
            found = true;
        }
        return found ? replaced.append(text, runLast, spans.get(spans.size() - 1)[1]).toString() : null;
    }

    static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    // A number of any kind (\p{N}): decimal digits, letter numbers, other numbers.
    private static boolean isNumber(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
    }
}
