package io.dataexporter.jobs.export;

import io.dataexporter.classification.plan.ColumnFate;
import java.io.PrintWriter;
import java.util.stream.Collectors;

/** A run's per-table summary as a text table: table, status, rows, files, bytes, withheld cells and columns. */
public final class RunSummary {

    private RunSummary() {
    }

    public static void print(PrintWriter out, RunResult run) {
        out.printf("%-18s %-10s %10s %6s %12s %14s  %s%n", "table", "status", "rows", "files", "bytes", "withheld cells", "withheld columns");
        for (TableOutcome table : run.tables()) {
            String withheld = table.withheldColumns().stream().map(ColumnFate::column).collect(Collectors.joining(", "));
            String cells = table.withheldCells().map(counts -> String.format("%,d", counts.values().stream().mapToLong(Long::longValue).sum())).orElse("");
            out.printf("%-18s %-10s %,10d %6d %,12d %14s  %s%n", table.table(), table.status(), table.rows(), table.files().size(), table.bytes(),
                    cells, table.completed() ? withheld : table.errorDetail().orElse(""));
        }
        for (TableOutcome table : run.tables()) {
            table.findings().forEach(finding -> out.println("attention: " + (run.history().isNew(table.table(), finding) ? "new: " : "") + table.table() + ": " + finding.kind().code() + ": " + finding.detail()
                    + "\n    fix: " + finding.fix()));
        }
        out.println("Run " + run.runId() + ": " + run.status());
        out.flush();
    }
}
