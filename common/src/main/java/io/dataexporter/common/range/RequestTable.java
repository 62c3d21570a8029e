package io.dataexporter.common.range;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@code de_internal.request_table} over JDBC: bound statements, rows as {@link RangeRequest}s, and the locked transaction. */
final class RequestTable {

    static final String TABLE = "de_internal.request_table";
    static final String COLUMNS = "de_request_id, start_time, end_time, status, progress, error_message, launcher_ref, requested_at, heartbeat_at,"
            + " requested_by, exported_tables";

    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final JdbcRequestStore.ConnectionFactory connections;

    RequestTable(JdbcRequestStore.ConnectionFactory connections) {
        this.connections = connections;
    }

    List<RangeRequest> query(String sql, Object... values) {
        try (Connection connection = connections.open()) {
            return select(connection, sql, values);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read " + TABLE + ": " + e.getMessage(), e);
        }
    }

    int update(String sql, Object... values) {
        try (Connection connection = connections.open()) {
            return execute(connection, sql, values);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot update " + TABLE + ": " + e.getMessage(), e);
        }
    }

    int count(String condition, Object... values) {
        try (Connection connection = connections.open()) {
            return count(connection, condition, values);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read " + TABLE + ": " + e.getMessage(), e);
        }
    }

    boolean answers() {
        try (Connection connection = connections.open(); PreparedStatement statement = connection.prepareStatement("SELECT 1")) {
            statement.setQueryTimeout(2);
            return statement.executeQuery().next();
        } catch (SQLException e) {
            return false;
        }
    }

    // One transaction holding the table's lock (PostgreSQL: SHARE ROW EXCLUSIVE, which readers pass; Redshift: its one
    // lock mode), so that counting and claiming are one step for every server instance.
    <T> T inLockedTransaction(Work<T> work) {
        try (Connection connection = connections.open()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                boolean redshift = connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("redshift");
                execute(connection, redshift ? "LOCK " + TABLE : "LOCK TABLE " + TABLE + " IN SHARE ROW EXCLUSIVE MODE");
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot update " + TABLE + ": " + e.getMessage(), e);
        }
    }

    /** The requests In Progress that also meet {@code condition}, counted. */
    static int count(Connection connection, String condition, Object... values) throws SQLException {
        Object[] bound = new Object[values.length + 1];
        bound[0] = RequestStatus.IN_PROGRESS.text();
        System.arraycopy(values, 0, bound, 1, values.length);
        try (PreparedStatement statement = prepare(connection, "SELECT count(*) FROM " + TABLE + " WHERE status = ? AND " + condition, bound);
             ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getInt(1);
        }
    }

    static List<RangeRequest> select(Connection connection, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, values); ResultSet result = statement.executeQuery()) {
            List<RangeRequest> rows = new ArrayList<>();
            while (result.next()) {
                rows.add(new RangeRequest((UUID) result.getObject(1), result.getLong(2), result.getLong(3), RequestStatus.fromText(result.getString(4)),
                        result.getDouble(5), Optional.ofNullable(result.getString(6)), Optional.ofNullable(result.getString(7)),
                        result.getTimestamp(8).toInstant(), Optional.ofNullable(result.getTimestamp(9)).map(Timestamp::toInstant),
                        Optional.ofNullable(result.getString(10)), tables(result.getString(11))));
            }
            return rows;
        }
    }

    static int execute(Connection connection, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, values)) {
            return statement.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... values) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
        return statement;
    }

    private static List<String> tables(String stored) {
        return stored == null || stored.isBlank() ? List.of() : List.of(stored.split(","));
    }
}
