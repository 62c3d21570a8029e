package io.dataexporter.jobs.config;

import io.dataexporter.common.config.JdbcUrls;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A JDBC database to connect to, with the timeouts every connection of the jobs gets: how long to wait for the
 * connection and its login, how long a read may wait for the server (so a frozen database fails a call instead of
 * hanging it), and TCP keep-alive. {@link #toString()} and {@link #describe()} leave the password and the URL's
 * parameters out.
 */
public record JdbcTarget(String url, String user, String password, Duration connectTimeout, Duration socketTimeout) {

    // without settings (plan, bench, tests): the settings' defaults for a warehouse, whose reads may wait longest
    private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(Long.parseLong(Settings.JDBC_CONNECT_TIMEOUT.defaultValue()));
    private static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(Long.parseLong(Settings.WAREHOUSE_SOCKET_TIMEOUT.defaultValue()));

    public JdbcTarget {
        if (url == null || !url.startsWith("jdbc:")) {
            throw new IllegalArgumentException("JDBC URL '" + JdbcUrls.describe(url) + "' does not start with 'jdbc:'; give a URL such as jdbc:postgresql://host:5432/db");
        }
        password = password == null ? "" : password;
        if (connectTimeout.isNegative() || connectTimeout.isZero() || socketTimeout.isNegative() || socketTimeout.isZero()) {
            throw new IllegalArgumentException("JDBC timeouts must be positive (connect " + connectTimeout.toSeconds() + " s, socket "
                    + socketTimeout.toSeconds() + " s)");
        }
    }

    public JdbcTarget(String url, String user, String password) {
        this(url, user, password, DEFAULT_CONNECT_TIMEOUT, DEFAULT_SOCKET_TIMEOUT);
    }

    public Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user == null ? "" : user);
        properties.setProperty("password", password);
        properties.putAll(timeoutProperties());
        return DriverManager.getConnection(url, properties);
    }

    /**
     * The driver properties of the timeouts, in seconds, under the names both PostgreSQL's and Redshift's drivers read
     * (each ignores the names it does not know); Spark's JDBC source passes them on as options.
     */
    public Map<String, String> timeoutProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("connectTimeout", String.valueOf(connectTimeout.toSeconds()));
        properties.put("loginTimeout", String.valueOf(connectTimeout.toSeconds()));
        properties.put("socketTimeout", String.valueOf(socketTimeout.toSeconds()));
        properties.put("tcpKeepAlive", "true");
        return properties;
    }

    /** The database as messages name it: its name and host, never the URL's parameters (which may hold credentials). */
    public String describe() {
        return JdbcUrls.describe(url);
    }

    @Override
    public String toString() {
        return "JdbcTarget[" + describe() + ", user=" + user + ", password=****, connectTimeout=" + connectTimeout.toSeconds() + "s, socketTimeout="
                + socketTimeout.toSeconds() + "s]";
    }
}
