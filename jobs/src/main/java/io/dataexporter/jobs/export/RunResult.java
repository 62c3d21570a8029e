package io.dataexporter.jobs.export;

import java.time.Instant;
import java.util.List;

/**
 * One day's run: every table's outcome (the classification tables count as one, {@value #CLASSIFICATIONS}) and the
 * run status: SUCCESS when all completed, FAILED when none did, PARTIAL-SUCCESS otherwise.
 */
public record RunResult(String runId, String env, ExportDay day, Instant startedAt, Instant finishedAt, List<TableOutcome> tables,
                        List<String> unrecordedTables, FindingsHistory history) {

    public static final String CLASSIFICATIONS = "classifications";

    /**
     * @param unrecordedTables the tables whose final status the control database could not take within its retry budget
     * @param history          what the previous day's run reported, against which findings are new or known
     */
    public RunResult {
        tables = List.copyOf(tables);
        unrecordedTables = unrecordedTables.stream().sorted().toList();
    }

    public RunResult(String runId, String env, ExportDay day, Instant startedAt, Instant finishedAt, List<TableOutcome> tables) {
        this(runId, env, day, startedAt, finishedAt, tables, List.of(), FindingsHistory.none());
    }

    /** Whether any table has a finding the previous run did not report: what alerting matches ({@code "attention": true}). */
    public boolean attention() {
        return newFindings() > 0;
    }

    /** The findings of all tables that the previous run did not report. */
    public long newFindings() {
        return tables.stream().mapToLong(table -> table.findings().stream().filter(finding -> history.isNew(table.table(), finding)).count()).sum();
    }

    public String status() {
        long completed = completedCount();
        if (completed == tables.size()) {
            return "SUCCESS";
        }
        return completed == 0 ? "FAILED" : "PARTIAL-SUCCESS";
    }

    public long completedCount() {
        return tables.stream().filter(TableOutcome::completed).count();
    }

    /** A readable one-line subject (SNS allows 100 ASCII characters). */
    public String subject() {
        String subject = "Data Exporter " + env + " " + day + ": " + status() + " (" + completedCount() + " of " + tables.size()
                + (unrecordedTables.isEmpty() ? " tables completed)" : " completed; control DB unreachable)");
        return subject.length() <= 100 ? subject : subject.substring(0, 100);
    }
}
