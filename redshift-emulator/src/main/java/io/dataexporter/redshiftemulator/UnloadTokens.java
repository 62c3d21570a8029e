package io.dataexporter.redshiftemulator;

import java.sql.SQLException;
import java.util.Locale;

/** An UNLOAD statement's words, quoted literals and punctuation, read left to right. */
final class UnloadTokens {


    private final String text;
    private int position;

    UnloadTokens(String text) {
        this.text = text.endsWith(";") ? text.substring(0, text.length() - 1) : text;
    }

    boolean atEnd() {
        skipSpace();
        return position >= text.length();
    }

    void expect(char c) throws SQLException {
        skipSpace();
        if (position >= text.length() || text.charAt(position) != c) {
            throw RedshiftErrors.syntax(rest());
        }
        position++;
    }

    void expectWord(String word) throws SQLException {
        if (!optionalWord(word)) {
            throw RedshiftErrors.syntax(rest());
        }
    }

    boolean optionalWord(String word) {
        skipSpace();
        int end = wordEnd();
        if (end - position == word.length() && text.regionMatches(true, position, word, 0, word.length())) {
            position = end;
            return true;
        }
        return false;
    }

    String word() throws SQLException {
        skipSpace();
        int end = wordEnd();
        if (end == position) {
            throw RedshiftErrors.syntax(rest());
        }
        String word = text.substring(position, end).toUpperCase(Locale.ROOT);
        position = end;
        return word;
    }

    double number() throws SQLException {
        skipSpace();
        int end = position;
        while (end < text.length() && (Character.isDigit(text.charAt(end)) || text.charAt(end) == '.')) {
            end++;
        }
        if (end == position) {
            throw RedshiftErrors.syntax(rest());
        }
        double value = Double.parseDouble(text.substring(position, end));
        position = end;
        return value;
    }

    /** A text option's argument (a literal or {@code AS 'x'}), skipped so that the refusal names the option. */
    void skipOptionArgument() throws SQLException {
        optionalWord("AS");
        skipSpace();
        if (position < text.length() && text.charAt(position) == '\'') {
            literal();
        }
    }

    /** A single-quoted literal with Redshift's escapes: a backslash takes the next character as is; {@code ''} is one quote. */
    String literal() throws SQLException {
        skipSpace();
        if (position >= text.length() || text.charAt(position) != '\'') {
            throw RedshiftErrors.syntax(rest());
        }
        StringBuilder value = new StringBuilder();
        int i = position + 1;
        while (true) {
            if (i >= text.length()) {
                throw RedshiftErrors.syntaxMessage("unterminated quoted string at or near \"" + abbreviate(text.substring(position)) + "\"");
            }
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                value.append(text.charAt(i + 1));
                i += 2;
            } else if (c == '\'' && i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                value.append('\'');
                i += 2;
            } else if (c == '\'') {
                position = i + 1;
                return value.toString();
            } else {
                value.append(c);
                i++;
            }
        }
    }

    private int wordEnd() {
        int end = position;
        while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
            end++;
        }
        return end;
    }

    private void skipSpace() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }

    private String rest() {
        return position >= text.length() ? "end of input" : abbreviate(text.substring(position).split("\\s+")[0]);
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
