package io.dataexporter.classification.transform;

/**
 * What the detectors' prefilters read of a text, counted in one pass: its digits, its longest run of digits (with the
 * separators a number may hold between them), whether it has an at sign (or a written one), its colons and its dots.
 */
record TextProfile(int digits, int longestRun, boolean at, int colons, int dots, boolean hyphen) {

    /** What may stand between the digits of one phone, card or device number. */
    static final String NUMBER_SEPARATORS = " -.()/+\u00A0";

    static TextProfile of(String text) {
        int digits = 0;
        int longestRun = 0;
        int run = 0;
        boolean at = false;
        int colons = 0;
        int dots = 0;
        boolean hyphen = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isDigit(c)) {
                digits++;
                longestRun = Math.max(longestRun, ++run);
            } else if (NUMBER_SEPARATORS.indexOf(c) < 0) {
                run = 0;
            }
            at |= c == '@';
            colons += c == ':' ? 1 : 0;
            dots += c == '.' ? 1 : 0;
            hyphen |= c == '-';
        }
        at |= text.contains("%40") || text.contains("at)") || text.contains("at]") || text.contains("at}");
        return new TextProfile(digits, longestRun, at, colons, dots, hyphen);
    }

    /** Nothing any detector looks for: no digit, no at sign, fewer than two colons. */
    boolean empty() {
        return digits == 0 && !at && colons < 2;
    }
}
