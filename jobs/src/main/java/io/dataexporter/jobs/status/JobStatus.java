package io.dataexporter.jobs.status;

import java.time.LocalDate;

/** One attempt at one table for one date, as {@code de_internal.table_export_job_statuses} holds it. */
public record JobStatus(String runId, String table, LocalDate exportDate, int attempt, String status, Long rows, Long bytes,
                        Integer files, Long durationMs, String errorCode, String errorMessage) {
}
