package io.dataexporter.common.config;

import java.net.URI;

/** JDBC URLs as messages and logs may show them. */
public final class JdbcUrls {

    private JdbcUrls() {
    }

    /** The database as messages name it: its name and host, never the URL's parameters (which may hold credentials). */
    public static String describe(String url) {
        if (url == null) {
            return "(none)";
        }
        try {
            URI uri = URI.create(url.substring(url.indexOf(':') + 1));
            String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
            if (uri.getHost() == null) {
                return "(unparsable JDBC URL)";
            }
            return "database '" + path + "' on " + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            return "(unparsable JDBC URL)";
        }
    }
}
