package io.dataexporter.classification.policy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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

        /** The row as it is stored, for messages that must name it. */
        public String describe() {
            return "export_tables row (" + literal(tableName) + ", " + enabled + ", " + literal(timeColumn) + ", " + literal(sourceColumn) + ", "
                    + literal(metricColumn) + ", " + literal(valueColumns) + ")";
        }
    }

    /** A row of {@code data_column_classification}. */
    public record ColumnRuleRow(String tableName, String columnName, String classification, String treatment, String piiType) {

        /** The row as it is stored, for messages that must name it. */
        public String describe() {
            return "data_column_classification row (" + literal(tableName) + ", " + literal(columnName) + ", " + literal(classification) + ", "
                    + literal(treatment) + ", " + literal(piiType) + ")";
        }
    }

    /** A row of {@code actual_data_classifications}. */
    public record SourceRuleRow(String source, String classification) {

        /** The row as it is stored, for messages that must name it. */
        public String describe() {
            return "actual_data_classifications row (" + literal(source) + ", " + literal(classification) + ")";
        }
    }

    /** A row of {@code long_table_data_classifications}. */
    public record MetricRuleRow(String tableName, String metricName, String classification) {

        /** The row as it is stored, for messages that must name it. */
        public String describe() {
            return "long_table_data_classifications row (" + literal(tableName) + ", " + literal(metricName) + ", " + literal(classification) + ")";
        }
    }

    /** The prefix of the Iceberg tables that hold the exported policy itself; no warehouse table may export under it. */
    public static final String POLICY_TABLE_PREFIX = "classification_";

    /**
     * A table, column, source or metric name as the warehouse resolves it: trimmed and lower-cased (Redshift folds
     * identifiers to lower case). Sources and metrics compare the same way whatever the case they are folded to.
     */
    public static String normalizeName(String name) {
        return name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    }

    /** Every {@code export_tables} row of a table, compared as the warehouse resolves names; more than one is a policy error. */
    public List<ExportTableRow> exportTableRows(String tableName) {
        String wanted = normalizeName(tableName);
        return exportTables.stream().filter(t -> normalizeName(t.tableName()).equals(wanted)).toList();
    }

    /**
     * A table's row under its normalised name: the enabled one if any row of the table is enabled. Duplicate rows are
     * left for the plan to report.
     */
    public Optional<ExportTableRow> exportTable(String tableName) {
        String wanted = normalizeName(tableName);
        Optional<ExportTableRow> enabled = enabledTables().stream().filter(t -> t.tableName().equals(wanted)).findFirst();
        return enabled.isPresent() ? enabled : exportTableRows(tableName).stream().findFirst().map(row -> new ExportTableRow(wanted,
                row.enabled(), row.timeColumn(), row.sourceColumn(), row.metricColumn(), row.valueColumns()));
    }

    /**
     * The tables to export, once each under their normalised name, in name order: a table with any enabled row. A table
     * with more than one row is listed once and fails its plan, which names every row.
     */
    public List<ExportTableRow> enabledTables() {
        Map<String, ExportTableRow> tables = new TreeMap<>();
        for (ExportTableRow row : exportTables) {
            if (row.enabled()) {
                String name = normalizeName(row.tableName());
                tables.putIfAbsent(name, new ExportTableRow(name, true, row.timeColumn(), row.sourceColumn(), row.metricColumn(), row.valueColumns()));
            }
        }
        return List.copyOf(tables.values());
    }

    private static String literal(String value) {
        return value == null ? "NULL" : "'" + value + "'";
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
