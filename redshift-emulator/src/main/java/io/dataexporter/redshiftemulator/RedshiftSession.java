package io.dataexporter.redshiftemulator;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL connection that answers as a Redshift session: statements pass through, except {@code set query_group}
 * (recorded) and {@code UNLOAD} (run by {@link UnloadRun}), whether sent through a {@link Statement} or prepared.
 */
final class RedshiftSession {

    private static final Pattern QUERY_GROUP = Pattern.compile("(?is)\\s*(set\\s+query_group\\s+to\\s+(.*?)|reset\\s+query_group)\\s*;?\\s*");

    /** The functions Redshift has and PostgreSQL lacks, in a schema of their own at the end of every session's search path. */
    private static final String COMPATIBILITY = """
            CREATE SCHEMA IF NOT EXISTS redshift_emulation;
            -- ROUND(float8, n): half away from zero, in floating point (PostgreSQL rounds floats only to whole numbers)
            CREATE OR REPLACE FUNCTION redshift_emulation.round(value double precision, digits integer) RETURNS double precision
              LANGUAGE sql IMMUTABLE STRICT AS $$
                SELECT CASE
                  WHEN digits < 0 THEN trunc(value / (10::double precision ^ -digits) + sign(value) * 0.5) * (10::double precision ^ -digits) + 0.0
                  WHEN abs(value) >= 4503599627370496 THEN value
                  ELSE trunc(value * (10::double precision ^ digits) + sign(value) * 0.5) / (10::double precision ^ digits) + 0.0
                END
              $$;
            -- ROUND keeps its argument's type (Developer Guide, ROUND function: "ROUND returns the same numeric data type as the
            -- input argument"); PostgreSQL would take a whole number through float8 (9007199254740993 becomes ...992)
            CREATE OR REPLACE FUNCTION redshift_emulation.round(value bigint, digits integer) RETURNS bigint
              LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT pg_catalog.round(value::numeric, digits)::bigint $$;
            CREATE OR REPLACE FUNCTION redshift_emulation.round(value integer, digits integer) RETURNS integer
              LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT pg_catalog.round(value::numeric, digits)::integer $$;
            CREATE OR REPLACE FUNCTION redshift_emulation.round(value smallint, digits integer) RETURNS smallint
              LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT pg_catalog.round(value::numeric, digits)::smallint $$;
            CREATE OR REPLACE FUNCTION redshift_emulation.round(value bigint) RETURNS bigint
              LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT value $$;
            CREATE OR REPLACE FUNCTION redshift_emulation.round(value integer) RETURNS integer
              LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT value $$;
            -- DATE_TRUNC of a TIMESTAMPTZ is a TIMESTAMP (Developer Guide, DATE_TRUNC function: "Return type TIMESTAMP"),
            -- in the session's zone; PostgreSQL's is a timestamptz
            CREATE OR REPLACE FUNCTION redshift_emulation.date_trunc(unit text, value timestamp with time zone) RETURNS timestamp
              LANGUAGE sql STABLE STRICT AS $$ SELECT pg_catalog.date_trunc(unit, value)::timestamp $$;
            """;
    private static volatile boolean compatibilityInstalled;

    private RedshiftSession() {
    }

    /** Redshift's literal rules (a backslash escapes) and its functions, for this session. */
    static void prepare(Connection connection) throws SQLException {
        installCompatibility(connection);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET standard_conforming_strings = off");
            statement.execute("SET escape_string_warning = off");
            // Redshift's functions first, then PostgreSQL's: where both have one (ROUND, DATE_TRUNC), Redshift's answers
            statement.execute("SELECT set_config('search_path', 'redshift_emulation, pg_catalog, ' || current_setting('search_path'), false)");
        }
    }

    /** The session's zone as the driver sets it: the JVM's for LOCAL (as PostgreSQL's driver does at connect), the cluster's UTC for SERVER. */
    static void setZone(Connection connection, String connectionTimezone) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET TIME ZONE '" + (connectionTimezone.equals("SERVER") ? "UTC" : java.util.TimeZone.getDefault().getID()) + "'");
        }
    }

    private static void installCompatibility(Connection connection) throws SQLException {
        if (compatibilityInstalled) {
            return;
        }
        synchronized (RedshiftSession.class) {
            if (compatibilityInstalled) {
                return;
            }
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                // one session at a time across JVMs: concurrent CREATE OR REPLACE of one function fails in PostgreSQL
                statement.execute("SELECT pg_advisory_xact_lock(hashtext('redshift_emulation'))");
                statement.execute(COMPATIBILITY);
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
            compatibilityInstalled = true;
        }
    }

    static Connection wrap(Connection connection, EmulatedRedshift settings) {
        return proxy(Connection.class, new ConnectionHandler(connection, settings));
    }

    /** The query group of a {@code set query_group to ...}; empty for {@code reset}; none for any other statement. */
    static Optional<Optional<String>> queryGroup(String sql) {
        Matcher matcher = QUERY_GROUP.matcher(sql);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(Optional.ofNullable(matcher.group(2)).map(String::strip));
    }

    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(RedshiftSession.class.getClassLoader(), new Class<?>[]{type}, handler));
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Whether {@code sql} is a statement the session answers itself; if so, answers it. */
    private static boolean answered(String sql, Connection connection, EmulatedRedshift settings, AtomicReference<Statement> running) throws SQLException {
        Optional<Optional<String>> group = queryGroup(sql);
        if (group.isPresent()) {
            EmulatedRedshift.recordQueryGroup(group.get().orElse("(reset)"));
            return true;
        }
        if (UnloadCommand.isUnload(sql)) {
            new UnloadRun(settings, connection, running).run(UnloadCommand.parse(sql));
            return true;
        }
        return false;
    }

    private static final class ConnectionHandler implements InvocationHandler {
        private final Connection connection;
        private final EmulatedRedshift settings;

        ConnectionHandler(Connection connection, EmulatedRedshift settings) {
            this.connection = connection;
            this.settings = settings;
        }

        @Override
        public Object invoke(Object self, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.equals("createStatement")) {
                Statement statement = (Statement) RedshiftSession.invoke(connection, method, args);
                return proxy(Statement.class, new StatementHandler(statement, connection, settings));
            }
            if (name.equals("prepareStatement") && args != null && args.length >= 1 && args[0] instanceof String sql
                    && (UnloadCommand.isUnload(sql) || queryGroup(sql).isPresent())) {
                return proxy(PreparedStatement.class, new DeferredHandler(sql, connection, settings));
            }
            if ((name.equals("prepareStatement") || name.equals("prepareCall")) && args != null && args.length >= 1 && args[0] instanceof String sql) {
                args[0] = RedshiftSql.aliasSubqueries(sql);
            }
            return RedshiftSession.invoke(connection, method, args);
        }
    }

    /** A plain statement: {@code execute*(sql)} of a Redshift-only statement is answered here, the rest goes to PostgreSQL. */
    private static final class StatementHandler implements InvocationHandler {
        private final Statement statement;
        private final Connection connection;
        private final EmulatedRedshift settings;
        private final AtomicReference<Statement> running = new AtomicReference<>();

        StatementHandler(Statement statement, Connection connection, EmulatedRedshift settings) {
            this.statement = statement;
            this.connection = connection;
            this.settings = settings;
        }

        @Override
        public Object invoke(Object self, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.startsWith("execute") && args != null && args.length >= 1 && args[0] instanceof String sql
                    && answered(sql, connection, settings, running)) {
                return switch (name) {
                    case "execute" -> false;
                    case "executeUpdate" -> 0;
                    case "executeLargeUpdate" -> 0L;
                    default -> throw new SQLException("ERROR: " + sql.strip().split("\\s+")[0] + " returns no rows", "0A000");
                };
            }
            if ((name.startsWith("execute") || name.equals("addBatch")) && args != null && args.length >= 1 && args[0] instanceof String sql) {
                args[0] = RedshiftSql.aliasSubqueries(sql);
            }
            if (name.equals("cancel")) {
                Statement unload = running.get();
                if (unload != null) {
                    unload.cancel();
                }
            }
            return RedshiftSession.invoke(statement, method, args);
        }
    }

    /** A prepared UNLOAD or query group: runs on {@code execute()}; cancellable while its query runs. */
    private static final class DeferredHandler implements InvocationHandler {
        private final String sql;
        private final Connection connection;
        private final EmulatedRedshift settings;
        private final AtomicReference<Statement> running = new AtomicReference<>();
        private boolean closed;
        private int queryTimeout;

        DeferredHandler(String sql, Connection connection, EmulatedRedshift settings) {
            this.sql = sql;
            this.connection = connection;
            this.settings = settings;
        }

        @Override
        public Object invoke(Object self, Method method, Object[] args) throws Throwable {
            return switch (method.getName()) {
                case "execute" -> {
                    answered(sql, connection, settings, running);
                    yield false;
                }
                case "executeUpdate" -> {
                    answered(sql, connection, settings, running);
                    yield 0;
                }
                case "executeLargeUpdate" -> {
                    answered(sql, connection, settings, running);
                    yield 0L;
                }
                case "cancel" -> {
                    Statement statement = running.get();
                    if (statement != null) {
                        statement.cancel();
                    }
                    yield null;
                }
                case "close" -> {
                    closed = true;
                    yield null;
                }
                case "isClosed" -> closed;
                case "setQueryTimeout" -> {
                    queryTimeout = (Integer) args[0];
                    yield null;
                }
                case "getQueryTimeout" -> queryTimeout;
                case "getUpdateCount" -> -1;
                case "getMoreResults" -> false;
                case "getResultSet", "getWarnings" -> null;
                case "clearWarnings", "setFetchSize", "setEscapeProcessing", "setPoolable", "closeOnCompletion" -> null;
                case "getConnection" -> connection;
                case "hashCode" -> System.identityHashCode(self);
                case "equals" -> self == args[0];
                case "toString" -> "EmulatedRedshiftStatement[" + sql.strip().split("\\s+")[0] + "]";
                default -> throw new SQLFeatureNotSupportedException("The emulated warehouse does not support " + method.getName()
                        + " on a prepared " + sql.strip().split("\\s+")[0]);
            };
        }
    }
}
