package io.dataexporter.jobs.status;

import io.dataexporter.jobs.config.JdbcTarget;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** {@link JobStatusStore} on {@code de_internal.table_export_job_statuses} (Redshift, RDS PostgreSQL or the local stack). */
public final class JdbcJobStatusStore implements JobStatusStore {

    private static final String TABLE = "de_internal.table_export_job_statuses";

    private final JdbcTarget database;

    public JdbcJobStatusStore(JdbcTarget database) {
        this.database = database;
    }

    @Override
    public int closeAbandoned(String currentRunId) {
        return update("UPDATE " + TABLE + " SET status = 'FAILED', error_code = 'ABANDONED', error_message = 'The run ' || run_id"
                + " || ' stopped while this table was in progress; closed by run " + currentRunId.replace("'", "''") + "', finished_at = now()"
                + " WHERE status = 'IN-PROGRESS' AND run_id <> ?", currentRunId);
    }

    @Override
    public void started(String runId, String table, LocalDate date, int attempt) {
        // idempotent, so that a retry after a lost reply does not trip over the row the first try wrote
        update("INSERT INTO " + TABLE + " (run_id, table_name, export_date, attempt, status, started_at) SELECT ?, ?, ?, ?, 'IN-PROGRESS', now()"
                + " WHERE NOT EXISTS (SELECT 1 FROM " + TABLE + " WHERE run_id = ? AND table_name = ? AND export_date = ? AND attempt = ?)",
                runId, table, Date.valueOf(date), attempt, runId, table, Date.valueOf(date), attempt);
    }

    @Override
    public void completed(String runId, String table, LocalDate date, int attempt, long rows, long bytes, int files, long durationMs) {
        update("UPDATE " + TABLE + " SET status = 'COMPLETED', rows_written = ?, bytes_written = ?, files_written = ?, duration_ms = ?,"
                + " finished_at = now() WHERE run_id = ? AND table_name = ? AND export_date = ? AND attempt = ?",
                rows, bytes, files, durationMs, runId, table, Date.valueOf(date), attempt);
    }

    @Override
    public void failed(String runId, String table, LocalDate date, int attempt, String errorCode, String errorMessage, long durationMs) {
        update("UPDATE " + TABLE + " SET status = 'FAILED', error_code = ?, error_message = ?, duration_ms = ?, finished_at = now()"
                + " WHERE run_id = ? AND table_name = ? AND export_date = ? AND attempt = ?",
                errorCode, errorMessage, durationMs, runId, table, Date.valueOf(date), attempt);
    }

    @Override
    public List<JobStatus> forDate(LocalDate date) {
        String sql = "SELECT run_id, table_name, export_date, attempt, status, rows_written, bytes_written, files_written, duration_ms,"
                + " error_code, error_message FROM " + TABLE + " WHERE export_date = ? ORDER BY started_at, table_name, attempt";
        try (Connection connection = database.connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setDate(1, Date.valueOf(date));
            List<JobStatus> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(new JobStatus(result.getString(1), result.getString(2), result.getDate(3).toLocalDate(), result.getInt(4),
                            result.getString(5), (Long) result.getObject(6), (Long) result.getObject(7), (Integer) result.getObject(8),
                            (Long) result.getObject(9), result.getString(10), result.getString(11)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read " + TABLE + " in the control " + database.describe() + ": " + e.getMessage(), e);
        }
    }

    private int update(String sql, Object... values) {
        try (Connection connection = database.connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot update " + TABLE + " in the control " + database.describe() + ": " + e.getMessage(), e);
        }
    }
}
