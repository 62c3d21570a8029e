package io.dataexporter.common.range;

import static io.dataexporter.common.range.RequestTable.COLUMNS;
import static io.dataexporter.common.range.RequestTable.TABLE;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code de_internal.request_table} for its three audiences, each through its own interface: the API queues and reads
 * ({@link RequestQueue}, {@link RequestCounts}), the launcher claims and fails over ({@link LaunchClaims}), the range
 * export reports ({@link RequestProgress}). Every write is one statement, so a killed process never leaves half an
 * update; statuses are bound as parameters, from {@link RequestStatus}.
 */
public final class JdbcRequestStore implements RequestQueue, RequestCounts, LaunchClaims, RequestProgress {

    public interface ConnectionFactory {
        Connection open() throws SQLException;
    }

    private static final String IN_PROGRESS = RequestStatus.IN_PROGRESS.text();
    private static final String COMPLETED = RequestStatus.COMPLETED.text();
    private static final String FAILED = RequestStatus.FAILED.text();

    private final RequestTable table;

    public JdbcRequestStore(ConnectionFactory connections) {
        this.table = new RequestTable(connections);
    }

    @Override
    public Admission admit(UUID newId, long start, long end, String client, int maxRunning, int queueCapacity, int maxPerClient) {
        return table.inLockedTransaction(connection -> {
            int running = RequestTable.count(connection, "launcher_ref IS NOT NULL");
            int queued = RequestTable.count(connection, "launcher_ref IS NULL");
            if (running >= maxRunning && queued >= queueCapacity) {
                return new Admission(Optional.empty(), false, Optional.of("Too many exports in flight: " + running + " running (limit " + maxRunning
                        + ") and " + queued + " queued (limit " + queueCapacity + "). Try again in a few minutes."));
            }
            int mine = RequestTable.count(connection, "requested_by = ?", client);
            if (mine >= maxPerClient) {
                return new Admission(Optional.empty(), false, Optional.of("Client " + client + " already has " + mine + " requests in flight (limit "
                        + maxPerClient + " per client). Wait for one to finish, then ask again."));
            }
            Optional<UUID> existing = RequestTable.select(connection, "SELECT " + COLUMNS + " FROM " + TABLE + " WHERE start_time = ? AND end_time = ?"
                    + " AND requested_by = ? AND status = ?", start, end, client, IN_PROGRESS).stream().findFirst().map(RangeRequest::id);
            if (existing.isPresent()) {
                return new Admission(existing, false, Optional.empty());
            }
            RequestTable.execute(connection, "INSERT INTO " + TABLE + " (de_request_id, start_time, end_time, status, progress, requested_by)"
                    + " VALUES (?, ?, ?, ?, 0, ?)", newId, start, end, IN_PROGRESS, client);
            return new Admission(Optional.of(newId), true, Optional.empty());
        });
    }

    /** {@link #claimForLaunch(int, Duration)} without re-adopting orphaned claims. */
    public List<RangeRequest> claimForLaunch(int maxRunning) {
        return claimForLaunch(maxRunning, Duration.ofDays(36_500));
    }

    @Override
    public List<RangeRequest> claimForLaunch(int maxRunning, Duration launchGrace) {
        return table.inLockedTransaction(connection -> {
            List<RangeRequest> claimed = new ArrayList<>();
            for (RangeRequest orphan : RequestTable.select(connection, "SELECT " + COLUMNS + " FROM " + TABLE + " WHERE status = ? AND launcher_ref = ?"
                    + " AND heartbeat_at IS NULL AND launched_at < now() - ? * interval '1 second' ORDER BY launched_at, de_request_id", IN_PROGRESS, LAUNCHING,
                    launchGrace.toSeconds())) {
                RequestTable.execute(connection, "UPDATE " + TABLE + " SET launched_at = now(), updated_at = now() WHERE de_request_id = ?", orphan.id());
                claimed.add(orphan);
            }
            int free = maxRunning - RequestTable.count(connection, "launcher_ref IS NOT NULL");
            if (free <= 0) {
                return claimed;
            }
            int fresh = 0;
            for (RangeRequest request : RequestTable.select(connection, "SELECT " + COLUMNS + " FROM " + TABLE + " WHERE status = ? AND launcher_ref IS NULL"
                    + " ORDER BY requested_at, de_request_id", IN_PROGRESS)) {
                if (fresh == free) {
                    break;
                }
                RequestTable.execute(connection, "UPDATE " + TABLE + " SET launcher_ref = ?, launched_at = now(), heartbeat_at = NULL, updated_at = now()"
                        + " WHERE de_request_id = ?", LAUNCHING, request.id());
                claimed.add(request);
                fresh++;
            }
            return claimed;
        });
    }

    @Override
    public boolean stillClaimed(UUID id) {
        return !table.query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE de_request_id = ? AND status = ? AND launcher_ref = ?", id, IN_PROGRESS, LAUNCHING)
                .isEmpty();
    }

    @Override
    public void createLaunched(UUID id, long start, long end, String launcherRef) {
        table.update("INSERT INTO " + TABLE + " (de_request_id, start_time, end_time, status, progress, launcher_ref, heartbeat_at)"
                + " VALUES (?, ?, ?, ?, 0, ?, now()) ON CONFLICT (de_request_id) DO NOTHING", id, start, end, IN_PROGRESS, launcherRef);
    }

    @Override
    public Optional<RangeRequest> find(UUID id) {
        return table.query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE de_request_id = ?", id).stream().findFirst();
    }

    @Override
    public int running() {
        return table.count("launcher_ref IS NOT NULL");
    }

    @Override
    public int queuedCount() {
        return table.count("launcher_ref IS NULL");
    }

    @Override
    public boolean answers() {
        return table.answers();
    }

    @Override
    public boolean launcherRef(UUID id, String launcherRef) {
        return table.update("UPDATE " + TABLE + " SET launcher_ref = ?, updated_at = now() WHERE de_request_id = ? AND status = ?", launcherRef, id,
                IN_PROGRESS) == 1;
    }

    @Override
    public boolean heartbeat(UUID id) {
        return table.update("UPDATE " + TABLE + " SET heartbeat_at = now() WHERE de_request_id = ? AND status = ?", id, IN_PROGRESS) == 1;
    }

    @Override
    public void progress(UUID id, double progress) {
        table.update("UPDATE " + TABLE + " SET progress = ?, heartbeat_at = now(), updated_at = now() WHERE de_request_id = ? AND status = ?", progress, id,
                IN_PROGRESS);
    }

    @Override
    public void completed(UUID id, List<String> exportedTables) {
        table.update("UPDATE " + TABLE + " SET status = ?, progress = 100, error_message = NULL, exported_tables = ?, heartbeat_at = now(),"
                + " updated_at = now() WHERE de_request_id = ? AND status = ?", COMPLETED, String.join(",", exportedTables), id, IN_PROGRESS);
    }

    @Override
    public void failed(UUID id, String message) {
        table.update("UPDATE " + TABLE + " SET status = ?, error_message = ?, updated_at = now() WHERE de_request_id = ? AND status = ?", FAILED, message, id,
                IN_PROGRESS);
    }

    @Override
    public List<RangeRequest> expire(Duration lease, Duration startDeadline) {
        List<RangeRequest> expired = new ArrayList<>();
        String stale = "status = ? AND launcher_ref IS NOT NULL AND heartbeat_at IS NOT NULL AND heartbeat_at < now() - ? * interval '1 second'";
        for (RangeRequest request : table.query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE " + stale, IN_PROGRESS, lease.toSeconds())) {
            String message = "The export stopped responding: no heartbeat for more than " + lease.toSeconds() + " s (last at "
                    + request.heartbeatAt().map(Object::toString).orElse("never") + "). Request the range again to start a fresh export.";
            if (table.update("UPDATE " + TABLE + " SET status = ?, error_message = ?, updated_at = now() WHERE de_request_id = ? AND " + stale,
                    FAILED, message, request.id(), IN_PROGRESS, lease.toSeconds()) == 1) {
                expired.add(request);
            }
        }
        String unstarted = "status = ? AND launcher_ref IS NOT NULL AND heartbeat_at IS NULL AND coalesce(launched_at, updated_at) < now() - ? * interval '1 second'";
        for (RangeRequest request : table.query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE " + unstarted, IN_PROGRESS, startDeadline.toSeconds())) {
            String message = "The export did not start within " + startDeadline.toSeconds() + " s of its launch; it was cancelled."
                    + " Request the range again to start a fresh export.";
            if (table.update("UPDATE " + TABLE + " SET status = ?, error_message = ?, updated_at = now() WHERE de_request_id = ? AND " + unstarted,
                    FAILED, message, request.id(), IN_PROGRESS, startDeadline.toSeconds()) == 1) {
                expired.add(request);
            }
        }
        return expired;
    }

    @Override
    public List<RangeRequest> launchedNotStarted() {
        return table.query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE status = ? AND launcher_ref IS NOT NULL AND launcher_ref <> ?"
                + " AND heartbeat_at IS NULL", IN_PROGRESS, LAUNCHING);
    }

    @Override
    public boolean failIfNotStarted(UUID id, String message) {
        return table.update("UPDATE " + TABLE + " SET status = ?, error_message = ?, updated_at = now() WHERE de_request_id = ?"
                + " AND status = ? AND heartbeat_at IS NULL", FAILED, message, id, IN_PROGRESS) == 1;
    }
}
