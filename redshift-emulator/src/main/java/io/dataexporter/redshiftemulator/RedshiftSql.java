package io.dataexporter.redshiftemulator;

import java.util.Locale;
import java.util.Set;

/**
 * Redshift SQL that PostgreSQL 14 reads otherwise, made to read the same: Redshift takes a subquery in {@code FROM}
 * without an alias ({@code SELECT * FROM (query) WHERE 1 = 0}, as the connector writes it), PostgreSQL before 16 does
 * not, so each such subquery gets one. Literals ({@code '...'} with backslash escapes, as in a Redshift session) and
 * quoted identifiers are skipped. Linear in the statement's length.
 */
final class RedshiftSql {

    private static final Set<String> NOT_AN_ALIAS = Set.of("WHERE", "LIMIT", "ORDER", "GROUP", "HAVING", "UNION", "EXCEPT", "INTERSECT", "JOIN",
            "LEFT", "RIGHT", "INNER", "FULL", "CROSS", "NATURAL", "ON", "OFFSET", "FETCH", "WINDOW", "FOR", "");

    private RedshiftSql() {
    }

    static String aliasSubqueries(String sql) {
        StringBuilder out = new StringBuilder(sql.length() + 32);
        // for each open parenthesis: whether it opened a subquery in FROM
        java.util.ArrayDeque<Boolean> parentheses = new java.util.ArrayDeque<>();
        String previousWord = "";
        int aliases = 0;
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                int end = skipQuoted(sql, i, c);
                out.append(sql, i, end);
                i = end;
                previousWord = "";
                continue;
            }
            if (Character.isLetter(c) || c == '_') {
                int end = i;
                while (end < sql.length() && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_' || sql.charAt(end) == '$')) {
                    end++;
                }
                previousWord = sql.substring(i, end).toUpperCase(Locale.ROOT);
                out.append(sql, i, end);
                i = end;
                continue;
            }
            if (c == '(') {
                parentheses.push(previousWord.equals("FROM") || previousWord.equals("JOIN"));
            } else if (c == ')') {
                boolean subquery = !parentheses.isEmpty() && parentheses.pop();
                out.append(c);
                i++;
                if (subquery && NOT_AN_ALIAS.contains(nextWord(sql, i))) {
                    out.append(" AS redshift_subquery_").append(++aliases);
                }
                previousWord = "";
                continue;
            }
            if (!Character.isWhitespace(c)) {
                previousWord = "";
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    /** The next word after {@code from}, upper-cased; "" at the end, before punctuation or a quoted name. */
    private static String nextWord(String sql, int from) {
        int i = from;
        while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
            i++;
        }
        int end = i;
        while (end < sql.length() && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
            end++;
        }
        if (end == i && i < sql.length() && sql.charAt(i) == '"') {
            return "\"";
        }
        return sql.substring(i, end).toUpperCase(Locale.ROOT);
    }

    /** The index after the quoted text starting at {@code start}: {@code ''} or {@code ""} doubles; a backslash escapes in a literal. */
    private static int skipQuoted(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (quote == '\'' && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    /** Whether the query has a LIMIT outside every parenthesis, which Redshift's UNLOAD refuses. Literals and quoted names are skipped. */
    static boolean hasOuterLimit(String sql) {
        int depth = 0;
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                i = skipQuoted(sql, i, c);
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (depth == 0 && (c == 'l' || c == 'L') && (i == 0 || !isWordChar(sql.charAt(i - 1)))
                    && sql.regionMatches(true, i, "LIMIT", 0, 5) && (i + 5 == sql.length() || !isWordChar(sql.charAt(i + 5)))) {
                return true;
            }
            i++;
        }
        return false;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
