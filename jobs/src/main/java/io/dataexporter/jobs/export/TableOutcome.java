package io.dataexporter.jobs.export;

import io.dataexporter.classification.plan.ColumnFate;
import io.dataexporter.jobs.iceberg.DataFileEntry;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How one table's export ended: COMPLETED with its files and every column's fate, or FAILED with a code after some
 * attempts. {@code error} is the consumers' message (code and reference); {@code errorDetail} the operators' full text;
 * {@code withheldCells} the cells the policy withheld by reason (empty for a failed table, or when the counts did not come);
 * {@code filteredRows} the rows a long table's query left in the warehouse by reason (empty for other tables).
 */
public record TableOutcome(String table, String status, int attempts, Optional<String> icebergTable, List<DataFileEntry> files,
                           Optional<String> policyVersion, List<ColumnFate> columnFates, Optional<ErrorCode> errorCode,
                           Optional<String> error, Optional<String> errorDetail, long durationMs, Optional<Map<String, Long>> withheldCells,
                           List<io.dataexporter.jobs.governance.Finding> findings, Map<String, Long> filteredRows) {

    public static final String COMPLETED = "COMPLETED";
    public static final String FAILED = "FAILED";

    public TableOutcome {
        files = List.copyOf(files);
        columnFates = List.copyOf(columnFates);
        findings = List.copyOf(findings);
        filteredRows = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(filteredRows));
    }

    public static TableOutcome completed(String table, int attempts, TableExport export, long durationMs) {
        return new TableOutcome(table, COMPLETED, attempts, Optional.of(export.commit().icebergTable()), export.commit().files(),
                Optional.of(export.policyVersion()), export.columnFates(), Optional.empty(), Optional.empty(), Optional.empty(), durationMs,
                export.withheldCells(), export.scan().findings(), export.scan().filteredRows());
    }

    public static TableOutcome failed(String table, int attempts, ExportFailure failure, long durationMs) {
        return new TableOutcome(table, FAILED, attempts, Optional.empty(), List.of(), Optional.empty(), List.of(),
                Optional.of(failure.code()), Optional.of(failure.publicMessage()), Optional.of(failure.operatorMessage()), durationMs, Optional.empty(),
                List.of(), Map.of());
    }

    public List<ColumnFate> withheldColumns() {
        return columnFates.stream().filter(ColumnFate::isWithheld).toList();
    }

    public boolean completed() {
        return COMPLETED.equals(status);
    }

    public long rows() {
        return files.stream().mapToLong(DataFileEntry::rows).sum();
    }

    public long bytes() {
        return files.stream().mapToLong(DataFileEntry::bytes).sum();
    }
}
