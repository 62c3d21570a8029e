package io.dataexporter.common.range;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code de_internal.request_table}, used by the API (create, find, lease expiry, queue) and by the range export
 * (progress, heartbeat, outcome). Every write is one statement, so a killed process never leaves half an update.
 */
public final class JdbcRequestStore {

    public interface ConnectionFactory {
        Connection open() throws SQLException;
    }

    private static final String TABLE = "de_internal.request_table";
    private static final String COLUMNS = "de_request_id, start_time, end_time, status, progress, error_message, launcher_ref, requested_at, heartbeat_at";

    private final ConnectionFactory connections;

    public JdbcRequestStore(ConnectionFactory connections) {
        this.connections = connections;
    }

    /**
     * Creates a request for the range unless one is already in flight; returns the in-flight request's id either way.
     * A partial unique index on the in-flight ranges makes this atomic across server instances.
     */
    public UUID createOrFindInFlight(UUID newId, long start, long end) {
        update("INSERT INTO " + TABLE + " (de_request_id, start_time, end_time, status, progress) VALUES (?, ?, ?, 'In Progress', 0)"
                + " ON CONFLICT (start_time, end_time) WHERE status = 'In Progress' DO NOTHING", newId, start, end);
        return inFlight(start, end).orElseThrow(() -> new IllegalStateException("Request for [" + start + ", " + end + ") vanished after creation"));
    }

    /** Creates a request that is already launched (a range export started from the command line). */
    public void createLaunched(UUID id, long start, long end, String launcherRef) {
        update("INSERT INTO " + TABLE + " (de_request_id, start_time, end_time, status, progress, launcher_ref, heartbeat_at)"
                + " VALUES (?, ?, ?, 'In Progress', 0, ?, now()) ON CONFLICT (de_request_id) DO NOTHING", id, start, end, launcherRef);
    }

    public Optional<UUID> inFlight(long start, long end) {
        return query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE start_time = ? AND end_time = ? AND status = 'In Progress'", start, end)
                .stream().findFirst().map(RangeRequest::id);
    }

    public Optional<RangeRequest> find(UUID id) {
        return query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE de_request_id = ?", id).stream().findFirst();
    }

    public List<RangeRequest> queued() {
        return query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE status = 'In Progress' AND launcher_ref IS NULL ORDER BY requested_at, de_request_id");
    }

    public int running() {
        return count("launcher_ref IS NOT NULL");
    }

    public int queuedCount() {
        return count("launcher_ref IS NULL");
    }

    private int count(String launched) {
        try (Connection connection = connections.open(); PreparedStatement statement = connection.prepareStatement(
                "SELECT count(*) FROM " + TABLE + " WHERE status = 'In Progress' AND " + launched); ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read " + TABLE + ": " + e.getMessage(), e);
        }
    }

    /** Marks a queued request launched; false if another server launched it first. */
    public boolean markLaunched(UUID id, String launcherRef) {
        return update("UPDATE " + TABLE + " SET launcher_ref = ?, heartbeat_at = now(), updated_at = now()"
                + " WHERE de_request_id = ? AND status = 'In Progress' AND launcher_ref IS NULL", launcherRef, id) == 1;
    }

    /** Records what a launch started (process id, step id, job run id). */
    public void launcherRef(UUID id, String launcherRef) {
        update("UPDATE " + TABLE + " SET launcher_ref = ?, heartbeat_at = now(), updated_at = now() WHERE de_request_id = ?", launcherRef, id);
    }

    public void heartbeat(UUID id) {
        update("UPDATE " + TABLE + " SET heartbeat_at = now() WHERE de_request_id = ? AND status = 'In Progress'", id);
    }

    public void progress(UUID id, double progress) {
        update("UPDATE " + TABLE + " SET progress = ?, heartbeat_at = now(), updated_at = now() WHERE de_request_id = ? AND status = 'In Progress'",
                progress, id);
    }

    public void completed(UUID id) {
        update("UPDATE " + TABLE + " SET status = 'Completed', progress = 100, error_message = NULL, heartbeat_at = now(), updated_at = now()"
                + " WHERE de_request_id = ? AND status = 'In Progress'", id);
    }

    public void failed(UUID id, String message) {
        update("UPDATE " + TABLE + " SET status = 'Failed', error_message = ?, updated_at = now() WHERE de_request_id = ? AND status = 'In Progress'",
                message, id);
    }

    /** Fails every launched request whose heartbeat is older than the lease; returns how many. */
    public int expireLeases(Duration lease) {
        return update("UPDATE " + TABLE + " SET status = 'Failed', updated_at = now(), error_message = 'The export stopped responding: no heartbeat for more than "
                + lease.toSeconds() + " s (last at ' || coalesce(to_char(heartbeat_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), 'never') || ').'"
                + " || ' Request the range again to start a fresh export.'"
                + " WHERE status = 'In Progress' AND launcher_ref IS NOT NULL AND coalesce(heartbeat_at, updated_at) < now() - ? * interval '1 second'",
                lease.toSeconds());
    }

    public boolean answers() {
        try (Connection connection = connections.open(); PreparedStatement statement = connection.prepareStatement("SELECT 1")) {
            statement.setQueryTimeout(2);
            return statement.executeQuery().next();
        } catch (SQLException e) {
            return false;
        }
    }

    private List<RangeRequest> query(String sql, Object... values) {
        try (Connection connection = connections.open(); PreparedStatement statement = prepare(connection, sql, values); ResultSet result = statement.executeQuery()) {
            List<RangeRequest> rows = new ArrayList<>();
            while (result.next()) {
                rows.add(new RangeRequest((UUID) result.getObject(1), result.getLong(2), result.getLong(3), RequestStatus.fromText(result.getString(4)),
                        result.getDouble(5), Optional.ofNullable(result.getString(6)), Optional.ofNullable(result.getString(7)),
                        result.getTimestamp(8).toInstant(), Optional.ofNullable(result.getTimestamp(9)).map(Timestamp::toInstant)));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read " + TABLE + ": " + e.getMessage(), e);
        }
    }

    private int update(String sql, Object... values) {
        try (Connection connection = connections.open(); PreparedStatement statement = prepare(connection, sql, values)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot update " + TABLE + ": " + e.getMessage(), e);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... values) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
        return statement;
    }

}
