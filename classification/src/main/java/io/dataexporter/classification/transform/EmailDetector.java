package io.dataexporter.classification.transform;

import java.util.regex.Pattern;

/**
 * E-mail addresses {@code <EMAIL>}: internationalised ones too (letters and digits of any script, {@code xn--} labels),
 * quoted local parts, address literals ({@code john@[192.168.0.1]}), and the at written {@code %40}, {@code (at)},
 * {@code [at]}, {@code {at}} or with spaces around it.
 */
final class EmailDetector implements Detector {

    static final String WORD = "\\p{L}\\p{M}\\p{N}";
    // The domain is one character-class run (labels, dots, dashes) before the top-level label, never a repeated group:
    // Java's regex engine recurses once per repetition of a group, so "x@a.a.a...." with thousands of labels would
    // overflow the stack. The run also takes a double dot, which only widens what is scrubbed.
    // The local part: RFC 5322's atom characters (letters and digits of any script too), or a quoted string. The at: '@',
    // its percent-encoding, or "(at)", "[at]", "{at}". The host: labels with '_' too, or an address literal in brackets.
    private static final String LOCAL_CHARS = WORD + "._%+'!#$&*/=?^`{|}~-";
    private static final String AT = "(?:\\s?@\\s?|%40|\\s?[(\\[{]at[)\\]}]\\s?)";
    private static final Pattern EMAIL = Pattern.compile("(?:(?<![" + LOCAL_CHARS + "])[" + LOCAL_CHARS + "]+|\"[^\"\\r\\n]{1,64}\")" + AT
            + "(?:\\[[0-9A-Fa-f:.IPv]{2,45}]|[" + WORD + "_-]+[" + WORD + "_.-]*\\.(?:[\\p{L}\\p{M}]{2,}|xn--[A-Za-z0-9-]+))(?![" + WORD + "])");

    @Override
    public boolean mayFind(TextProfile profile) {
        return profile.at();
    }

    @Override
    public String replace(String text) {
        return EMAIL.matcher(text).replaceAll(Placeholder.EMAIL.text());
    }
}
