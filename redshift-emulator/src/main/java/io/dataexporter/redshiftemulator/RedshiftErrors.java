package io.dataexporter.redshiftemulator;

import java.sql.SQLException;

/** Errors in the form Redshift reports them ({@code ERROR: ...} with its SQLSTATE), so callers see what they would on a cluster. */
final class RedshiftErrors {

    private RedshiftErrors() {
    }

    static SQLException syntax(String near) {
        return syntaxMessage("syntax error at or near \"" + near + "\"");
    }

    static SQLException syntaxMessage(String message) {
        return new SQLException("ERROR: " + message, "42601");
    }

    static SQLException invalid(String message) {
        return new SQLException("ERROR: " + message, "22023");
    }

    static SQLException unsupported(String message) {
        return new SQLException("ERROR: " + message, "0A000");
    }

    /** A failure inside a running UNLOAD (S3, the query, an injected fault). */
    static SQLException internal(String message, Throwable cause) {
        return new SQLException("ERROR: " + message, "XX000", cause);
    }
}
