package io.dataexporter.redshiftemulator;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The JDBC driver of the emulated warehouse ({@code jdbc:redshift-emulated:} URLs, see {@link EmulatedRedshift}): a
 * PostgreSQL session with Redshift's string literals ({@code standard_conforming_strings = off}), its query groups and
 * its UNLOAD. The spark-redshift connector loads it by name through its {@code jdbcdriver} option.
 */
public final class EmulatedRedshiftDriver implements Driver {

    static {
        try {
            DriverManager.registerDriver(new EmulatedRedshiftDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Driver postgres = new org.postgresql.Driver();

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        EmulatedRedshift settings;
        try {
            settings = EmulatedRedshift.fromUrl(url);
        } catch (IllegalArgumentException e) {
            throw new SQLException(e.getMessage(), "08001");
        }
        Connection connection = postgres.connect(settings.postgresUrl(), info);
        if (connection == null) {
            throw new SQLException("The emulated warehouse's PostgreSQL URL was refused: " + settings.postgresUrl(), "08001");
        }
        try {
            RedshiftSession.prepare(connection);
            RedshiftSession.setZone(connection, connectionTimezone(url));
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return RedshiftSession.wrap(connection, settings);
    }

    /**
     * The Redshift JDBC driver's {@code connectionTimezone}: {@code LOCAL} (its default from 2.1.0.22) sets the session's
     * zone to the JVM's, {@code SERVER} keeps the cluster's (UTC unless its parameter group says otherwise).
     */
    static String connectionTimezone(String url) throws SQLException {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("[?&]connectionTimezone=([^&]*)").matcher(url);
        String value = matcher.find() ? matcher.group(1) : "LOCAL";
        if (!value.equals("LOCAL") && !value.equals("SERVER")) {
            throw new SQLException("connectionTimezone=" + value + " is not a value of the driver; use LOCAL or SERVER", "08001");
        }
        return value;
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(EmulatedRedshift.URL_PREFIX);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        return new DriverPropertyInfo[0];
    }

    @Override
    public int getMajorVersion() {
        return 1;
    }

    @Override
    public int getMinorVersion() {
        return 0;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("The emulated Redshift driver does not log through java.util.logging");
    }
}
