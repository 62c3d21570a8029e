package io.dataexporter.common.control;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The control database's versioned migrations (Flyway): schema {@code de_internal} only, its tables, indexes and the
 * upgrades from every earlier shape. They never drop anything, run again as no-ops, and touch no other schema; an
 * existing {@code de_internal} without migration history is taken as version 0 and brought up to date.
 */
public final class ControlMigrations {

    public static final String SCHEMA = "de_internal";
    static final String LOCATION = "classpath:io/dataexporter/common/control/migrations";

    private ControlMigrations() {
    }

    /** What a migration did: how many migrations it applied and the schema version it left. */
    public record Outcome(int applied, String version) {
    }

    /** Migrates the control database at {@code url} (connections of its own). */
    public static Outcome migrate(String url, String user, String password) {
        return migrate(Flyway.configure().dataSource(url, user, password == null ? "" : password));
    }

    /** Migrates through an open connection, which stays open (the local stack's seed). */
    public static Outcome migrate(Connection connection) {
        return migrate(Flyway.configure().dataSource(unclosable(connection)));
    }

    private static Outcome migrate(org.flywaydb.core.api.configuration.FluentConfiguration configuration) {
        MigrateResult result = configuration.schemas(SCHEMA).defaultSchema(SCHEMA).createSchemas(true).locations(LOCATION)
                .baselineOnMigrate(true).baselineVersion("0").cleanDisabled(true).load().migrate();
        return new Outcome(result.migrationsExecuted, result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion);
    }

    // Flyway closes each connection it is given; this one belongs to the caller.
    private static DataSource unclosable(Connection connection) {
        Connection shared = (Connection) Proxy.newProxyInstance(ControlMigrations.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return new DataSource() {
            @Override
            public Connection getConnection() {
                return shared;
            }

            @Override
            public Connection getConnection(String username, String password) {
                return shared;
            }

            @Override
            public PrintWriter getLogWriter() {
                return null;
            }

            @Override
            public void setLogWriter(PrintWriter out) {
                // not used
            }

            @Override
            public void setLoginTimeout(int seconds) {
                // not used
            }

            @Override
            public int getLoginTimeout() {
                return 0;
            }

            @Override
            public Logger getParentLogger() {
                return Logger.getGlobal();
            }

            @Override
            public <T> T unwrap(Class<T> type) throws SQLException {
                throw new SQLException("Not a wrapper of " + type);
            }

            @Override
            public boolean isWrapperFor(Class<?> type) {
                return false;
            }
        };
    }
}
