package io.dataexporter.classification.policy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The policy as its four tables hold it, row for row, before validation: {@code export_tables},
 * {@code data_column_classification}, {@code actual_data_classifications} and
 * {@code long_table_data_classifications}.
 */
public record PolicyRows(
        List<ExportTableRow> exportTables,
        List<ColumnRuleRow> columnRules,
        List<SourceRuleRow> sourceRules,
        List<MetricRuleRow> metricRules) {

    public PolicyRows {
        exportTables = List.copyOf(exportTables);
        columnRules = List.copyOf(columnRules);
        sourceRules = List.copyOf(sourceRules);
        metricRules = List.copyOf(metricRules);
    }

    /** A row of {@code export_tables}. {@code valueColumns} is the comma-separated list as stored. */
    public record ExportTableRow(String tableName, boolean enabled, String timeColumn, String sourceColumn,
                                 String metricColumn, String valueColumns) {

        public List<String> valueColumnList() {
            if (valueColumns == null || valueColumns.isBlank()) {
                return List.of();
            }
            return List.of(valueColumns.strip().split("\\s*,\\s*"));
        }

        public boolean isSnapshot() {
            return timeColumn == null || timeColumn.isBlank();
        }

        public boolean isLongFormat() {
            return metricColumn != null && !metricColumn.isBlank();
        }
    }

    /** A row of {@code data_column_classification}. */
    public record ColumnRuleRow(String tableName, String columnName, String classification, String treatment, String piiType) {
    }

    /** A row of {@code actual_data_classifications}. */
    public record SourceRuleRow(String source, String classification) {
    }

    /** A row of {@code long_table_data_classifications}. */
    public record MetricRuleRow(String tableName, String metricName, String classification) {
    }

    public Optional<ExportTableRow> exportTable(String tableName) {
        return exportTables.stream().filter(t -> tableName.equals(t.tableName())).findFirst();
    }

    public List<ExportTableRow> enabledTables() {
        return exportTables.stream().filter(ExportTableRow::enabled).sorted(java.util.Comparator.comparing(ExportTableRow::tableName)).toList();
    }

    /**
     * The policy version: SHA-256 (first 16 hex digits) over every rule row in a canonical order, so that the same
     * rules give the same version whatever order the tables return them in.
     */
    public String version() {
        List<String> lines = new ArrayList<>();
        exportTables.forEach(t -> lines.add("T|" + t.tableName() + "|" + t.enabled() + "|" + t.timeColumn() + "|" + t.sourceColumn()
                + "|" + t.metricColumn() + "|" + t.valueColumns()));
        columnRules.forEach(c -> lines.add("C|" + c.tableName() + "|" + c.columnName() + "|" + c.classification() + "|" + c.treatment()
                + "|" + c.piiType()));
        sourceRules.forEach(s -> lines.add("S|" + s.source() + "|" + s.classification()));
        metricRules.forEach(m -> lines.add("M|" + m.tableName() + "|" + m.metricName() + "|" + m.classification()));
        lines.sort(null);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            lines.forEach(line -> sha.update((line + "\n").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
