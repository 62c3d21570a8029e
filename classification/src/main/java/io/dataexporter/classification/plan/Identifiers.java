package io.dataexporter.classification.plan;

import java.util.regex.Pattern;

/** Identifiers from the config are checked against this shape and quoted, never pasted raw into SQL. */
final class Identifiers {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,126}");

    private Identifiers() {
    }

    static boolean isValid(String name) {
        return name != null && IDENTIFIER.matcher(name).matches();
    }

    static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
