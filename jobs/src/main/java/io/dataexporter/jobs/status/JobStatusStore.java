package io.dataexporter.jobs.status;

import java.time.LocalDate;
import java.util.List;

/** The scheduled export's status rows: IN-PROGRESS, then COMPLETED or FAILED, one row per attempt. */
public interface JobStatusStore {

    /** Closes every IN-PROGRESS row of another run as FAILED with code ABANDONED; returns how many it closed. */
    int closeAbandoned(String currentRunId);

    void started(String runId, String table, LocalDate date, int attempt);

    void completed(String runId, String table, LocalDate date, int attempt, long rows, long bytes, int files, long durationMs);

    void failed(String runId, String table, LocalDate date, int attempt, String errorCode, String errorMessage, long durationMs);

    /** Every row of a date, oldest first. */
    List<JobStatus> forDate(LocalDate date);
}
