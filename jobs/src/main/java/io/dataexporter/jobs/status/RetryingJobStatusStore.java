package io.dataexporter.jobs.status;

import io.dataexporter.common.retry.BoundedRetry;
import java.time.LocalDate;
import java.util.List;

/**
 * Status rows written through {@link BoundedRetry}: a control database that fails over or stalls for less than the
 * budget ({@code control.write-timeout-seconds}) costs retries; past it, the write throws
 * {@link BoundedRetry.RetriesExhausted}, which fails that table's attempt and never the run.
 */
public final class RetryingJobStatusStore implements JobStatusStore {

    private final JobStatusStore store;
    private final BoundedRetry retry;

    public RetryingJobStatusStore(JobStatusStore store, BoundedRetry retry) {
        this.store = store;
        this.retry = retry;
    }

    @Override
    public int closeAbandoned(String currentRunId) {
        return retry.call("Closing the IN-PROGRESS status rows of stopped runs", () -> store.closeAbandoned(currentRunId));
    }

    @Override
    public void started(String runId, String table, LocalDate date, int attempt) {
        retry.run("Recording " + table + " " + date + " attempt " + attempt + " as IN-PROGRESS", () -> {
            store.started(runId, table, date, attempt);
            return null;
        });
    }

    @Override
    public void completed(String runId, String table, LocalDate date, int attempt, long rows, long bytes, int files, long durationMs) {
        retry.run("Recording " + table + " " + date + " attempt " + attempt + " as COMPLETED", () -> {
            store.completed(runId, table, date, attempt, rows, bytes, files, durationMs);
            return null;
        });
    }

    @Override
    public void failed(String runId, String table, LocalDate date, int attempt, String errorCode, String errorMessage, long durationMs) {
        retry.run("Recording " + table + " " + date + " attempt " + attempt + " as FAILED", () -> {
            store.failed(runId, table, date, attempt, errorCode, errorMessage, durationMs);
            return null;
        });
    }

    @Override
    public List<JobStatus> forDate(LocalDate date) {
        return retry.call("Reading the status rows of " + date, () -> store.forDate(date));
    }
}
