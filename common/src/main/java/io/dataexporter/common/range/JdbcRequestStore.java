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
    private static final String COLUMNS = "de_request_id, start_time, end_time, status, progress, error_message, launcher_ref, requested_at, heartbeat_at,"
            + " requested_by, exported_tables";
    /** The launcher reference of a request claimed for launch whose launcher has not answered yet. */
    public static final String LAUNCHING = "launching";

    /** How a request for a range was taken: a new request, the one already in flight, or refused (with the reason). */
    public record Admission(Optional<UUID> id, boolean created, Optional<String> refusal) {
    }

    private final ConnectionFactory connections;

    public JdbcRequestStore(ConnectionFactory connections) {
        this.connections = connections;
    }

    /**
     * Takes a request for a range, in one transaction that holds the table's lock, so that the bounds hold across
     * server instances. Every bound is checked first: the running exports at {@code maxRunning} with the queue at
     * {@code queueCapacity}, or the client at {@code maxPerClient} requests in flight, refuse the request. Then the
     * client's own in-flight request of the same range is joined (a request belongs to its client: another client's is
     * never handed out), or a new queued request is recorded.
     */
    public Admission admit(UUID newId, long start, long end, String client, int maxRunning, int queueCapacity, int maxPerClient) {
        return inLockedTransaction(connection -> {
            int running = count(connection, "launcher_ref IS NOT NULL");
            int queued = count(connection, "launcher_ref IS NULL");
            if (running >= maxRunning && queued >= queueCapacity) {
                return new Admission(Optional.empty(), false, Optional.of("Too many exports in flight: " + running + " running (limit " + maxRunning
                        + ") and " + queued + " queued (limit " + queueCapacity + "). Try again in a few minutes."));
            }
            int mine = count(connection, "requested_by = ?", client);
            if (mine >= maxPerClient) {
                return new Admission(Optional.empty(), false, Optional.of("Client " + client + " already has " + mine + " requests in flight (limit "
                        + maxPerClient + " per client). Wait for one to finish, then ask again."));
            }
            Optional<UUID> existing = select(connection, "SELECT " + COLUMNS + " FROM " + TABLE + " WHERE start_time = ? AND end_time = ?"
                    + " AND requested_by = ? AND status = 'In Progress'", start, end, client).stream().findFirst().map(RangeRequest::id);
            if (existing.isPresent()) {
                return new Admission(existing, false, Optional.empty());
            }
            execute(connection, "INSERT INTO " + TABLE + " (de_request_id, start_time, end_time, status, progress, requested_by)"
                    + " VALUES (?, ?, ?, 'In Progress', 0, ?)", newId, start, end, client);
            return new Admission(Optional.of(newId), true, Optional.empty());
        });
    }

    /**
     * Claims queued requests for launch while fewer than {@code maxRunning} run, oldest first, in one transaction that
     * holds the table's lock: each claimed request is marked launching (no heartbeat yet) and returned. The caller
     * launches them outside any lock and records what each launch started.
     */
    public List<RangeRequest> claimForLaunch(int maxRunning) {
        return claimForLaunch(maxRunning, Duration.ofDays(36_500));
    }

    /**
     * As {@link #claimForLaunch(int)}, first re-adopting launches that a server claimed and never recorded (it stopped
     * between the claim and the launcher's answer): a request still marked launching {@code launchGrace} after its claim
     * is claimed again, its claim time renewed, and returned first. It already counts as running, so it takes no new
     * slot. Launching it again is safe where the launcher finds what an earlier attempt started (the EMR step by its
     * name, the EMR Serverless run by its client token).
     */
    public List<RangeRequest> claimForLaunch(int maxRunning, Duration launchGrace) {
        return inLockedTransaction(connection -> {
            List<RangeRequest> claimed = new ArrayList<>();
            for (RangeRequest orphan : select(connection, "SELECT " + COLUMNS + " FROM " + TABLE + " WHERE status = 'In Progress' AND launcher_ref = ?"
                    + " AND heartbeat_at IS NULL AND launched_at < now() - ? * interval '1 second' ORDER BY launched_at, de_request_id", LAUNCHING,
                    launchGrace.toSeconds())) {
                execute(connection, "UPDATE " + TABLE + " SET launched_at = now(), updated_at = now() WHERE de_request_id = ?", orphan.id());
                claimed.add(orphan);
            }
            int free = maxRunning - count(connection, "launcher_ref IS NOT NULL");
            if (free <= 0) {
                return claimed;
            }
            int fresh = 0;
            for (RangeRequest request : select(connection, "SELECT " + COLUMNS + " FROM " + TABLE + " WHERE status = 'In Progress' AND launcher_ref IS NULL"
                    + " ORDER BY requested_at, de_request_id")) {
                if (fresh == free) {
                    break;
                }
                execute(connection, "UPDATE " + TABLE + " SET launcher_ref = ?, launched_at = now(), heartbeat_at = NULL, updated_at = now()"
                        + " WHERE de_request_id = ?", LAUNCHING, request.id());
                claimed.add(request);
                fresh++;
            }
            return claimed;
        });
    }

    /** Whether the request is still In Progress and claimed for launch, not yet launched: what a launch checks first. */
    public boolean stillClaimed(UUID id) {
        return !query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE de_request_id = ? AND status = 'In Progress' AND launcher_ref = ?", id, LAUNCHING)
                .isEmpty();
    }

    /** Creates a request that is already launched (a range export started from the command line). */
    public void createLaunched(UUID id, long start, long end, String launcherRef) {
        update("INSERT INTO " + TABLE + " (de_request_id, start_time, end_time, status, progress, launcher_ref, heartbeat_at)"
                + " VALUES (?, ?, ?, 'In Progress', 0, ?, now()) ON CONFLICT (de_request_id) DO NOTHING", id, start, end, launcherRef);
    }

    public Optional<RangeRequest> find(UUID id) {
        return query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE de_request_id = ?", id).stream().findFirst();
    }

    public int running() {
        return count("launcher_ref IS NOT NULL");
    }

    public int queuedCount() {
        return count("launcher_ref IS NULL");
    }

    private int count(String condition) {
        try (Connection connection = connections.open()) {
            return count(connection, condition);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read " + TABLE + ": " + e.getMessage(), e);
        }
    }

    /**
     * Records what a launch started (process id, step id, job run id); the start deadline runs from the claim. False when
     * the request is no longer In Progress (it failed while its launch ran): the caller cancels what it started.
     */
    public boolean launcherRef(UUID id, String launcherRef) {
        return update("UPDATE " + TABLE + " SET launcher_ref = ?, updated_at = now() WHERE de_request_id = ? AND status = 'In Progress'", launcherRef, id)
                == 1;
    }

    /** The running job's heartbeat; false when the request is no longer In Progress (failed over), so the job should stop. */
    public boolean heartbeat(UUID id) {
        return update("UPDATE " + TABLE + " SET heartbeat_at = now() WHERE de_request_id = ? AND status = 'In Progress'", id) == 1;
    }

    public void progress(UUID id, double progress) {
        update("UPDATE " + TABLE + " SET progress = ?, heartbeat_at = now(), updated_at = now() WHERE de_request_id = ? AND status = 'In Progress'",
                progress, id);
    }

    /** The export wrote every table it lists; the API checks later that their files are still there. */
    public void completed(UUID id, List<String> exportedTables) {
        update("UPDATE " + TABLE + " SET status = 'Completed', progress = 100, error_message = NULL, exported_tables = ?, heartbeat_at = now(),"
                + " updated_at = now() WHERE de_request_id = ? AND status = 'In Progress'", String.join(",", exportedTables), id);
    }

    private static List<String> tables(String stored) {
        return stored == null || stored.isBlank() ? List.of() : List.of(stored.split(","));
    }

    public void failed(UUID id, String message) {
        update("UPDATE " + TABLE + " SET status = 'Failed', error_message = ?, updated_at = now() WHERE de_request_id = ? AND status = 'In Progress'",
                message, id);
    }

    /**
     * Fails every launched request that stopped heart-beating for longer than the lease, or whose job has not started
     * (no heartbeat yet) within {@code startDeadline} of its launch; returns them, so that what they launched can be
     * cancelled.
     */
    public List<RangeRequest> expire(Duration lease, Duration startDeadline) {
        List<RangeRequest> expired = new ArrayList<>();
        String stale = "status = 'In Progress' AND launcher_ref IS NOT NULL AND heartbeat_at IS NOT NULL AND heartbeat_at < now() - ? * interval '1 second'";
        for (RangeRequest request : query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE " + stale, lease.toSeconds())) {
            String message = "The export stopped responding: no heartbeat for more than " + lease.toSeconds() + " s (last at "
                    + request.heartbeatAt().map(Object::toString).orElse("never") + "). Request the range again to start a fresh export.";
            if (update("UPDATE " + TABLE + " SET status = 'Failed', error_message = ?, updated_at = now() WHERE de_request_id = ? AND " + stale,
                    message, request.id(), lease.toSeconds()) == 1) {
                expired.add(request);
            }
        }
        String unstarted = "status = 'In Progress' AND launcher_ref IS NOT NULL AND heartbeat_at IS NULL"
                + " AND coalesce(launched_at, updated_at) < now() - ? * interval '1 second'";
        for (RangeRequest request : query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE " + unstarted, startDeadline.toSeconds())) {
            String message = "The export did not start within " + startDeadline.toSeconds() + " s of its launch; it was cancelled."
                    + " Request the range again to start a fresh export.";
            if (update("UPDATE " + TABLE + " SET status = 'Failed', error_message = ?, updated_at = now() WHERE de_request_id = ? AND " + unstarted,
                    message, request.id(), startDeadline.toSeconds()) == 1) {
                expired.add(request);
            }
        }
        return expired;
    }

    /** Launched requests whose job has not sent its first heartbeat yet. */
    public List<RangeRequest> launchedNotStarted() {
        return query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE status = 'In Progress' AND launcher_ref IS NOT NULL AND launcher_ref <> ?"
                + " AND heartbeat_at IS NULL", LAUNCHING);
    }

    /** Fails a launched request whose job has not started; false if it started (or ended) meanwhile. */
    public boolean failIfNotStarted(UUID id, String message) {
        return update("UPDATE " + TABLE + " SET status = 'Failed', error_message = ?, updated_at = now() WHERE de_request_id = ?"
                + " AND status = 'In Progress' AND heartbeat_at IS NULL", message, id) == 1;
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
        try (Connection connection = connections.open()) {
            return select(connection, sql, values);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read " + TABLE + ": " + e.getMessage(), e);
        }
    }

    private int update(String sql, Object... values) {
        try (Connection connection = connections.open()) {
            return execute(connection, sql, values);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot update " + TABLE + ": " + e.getMessage(), e);
        }
    }

    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    // One transaction holding the table's lock (PostgreSQL: SHARE ROW EXCLUSIVE, which readers pass; Redshift: its one
    // lock mode), so that counting and claiming are one step for every server instance.
    private <T> T inLockedTransaction(Work<T> work) {
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

    private static int count(Connection connection, String condition, Object... values) throws SQLException {
        try (PreparedStatement statement = prepare(connection, "SELECT count(*) FROM " + TABLE + " WHERE status = 'In Progress' AND " + condition, values);
             ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getInt(1);
        }
    }

    private static List<RangeRequest> select(Connection connection, String sql, Object... values) throws SQLException {
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

    private static int execute(Connection connection, String sql, Object... values) throws SQLException {
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
}
