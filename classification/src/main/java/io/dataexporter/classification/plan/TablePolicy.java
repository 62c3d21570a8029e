package io.dataexporter.classification.plan;

import static io.dataexporter.classification.policy.PolicyRows.normalizeName;

import io.dataexporter.classification.policy.Classification;
import io.dataexporter.classification.policy.PiiType;
import io.dataexporter.classification.policy.PolicyException;
import io.dataexporter.classification.policy.PolicyRows;
import io.dataexporter.classification.policy.PolicyRows.ColumnRuleRow;
import io.dataexporter.classification.policy.PolicyRows.ExportTableRow;
import io.dataexporter.classification.policy.Treatment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The policy rows that concern one table, validated against the table's warehouse schema. Names compare as the
 * warehouse resolves them (trimmed, case-insensitive); two rows for the same thing are an error naming both, never a
 * silent pick. Every problem is collected and reported together, each naming the table, the rule, the bad value and
 * the fix.
 *
 * @param table       the table's export_tables row, its column names resolved to the warehouse's spelling
 * @param columnRules the validated rule of each warehouse column that has one, by the warehouse's spelling
 * @param rulesWithoutColumn the columns data_column_classification names that the table does not have, as the rules
 *                    spell them (a compressed column's twin aside)
 * @param twinConflicts the compressed columns withheld because their own rule contradicts their twin's, with the reason
 */
record TablePolicy(
        ExportTableRow table,
        Map<String, ColumnRule> columnRules,
        Map<String, Classification> sources,
        Map<String, Classification> metrics,
        List<String> rulesWithoutColumn,
        Map<String, String> twinConflicts) {

    /** What the report warns of: each rule whose column the table does not have. */
    List<String> warnings() {
        return rulesWithoutColumn.stream().map(column -> "data_column_classification names column '" + column + "', which the table does not have")
                .toList();
    }

    static TablePolicy resolve(PolicyRows rows, String schema, String tableName, StructType columns) {
        String prefix = "Cannot export table " + schema + "." + tableName + ": ";
        if (!Identifiers.isValid(tableName)) {
            throw new PolicyException(tableName, List.of("Cannot export table '" + tableName
                    + "': the name is not a valid identifier (letters, digits and _, starting with a letter or _)"));
        }
        if (normalizeName(tableName).startsWith(PolicyRows.POLICY_TABLE_PREFIX)) {
            throw new PolicyException(tableName, List.of(prefix + "the Iceberg tables named " + PolicyRows.POLICY_TABLE_PREFIX + "* hold the policy each run"
                    + " exports (" + PolicyRows.POLICY_TABLE_PREFIX + "export_tables, ...), so a warehouse table of that name would share them; rename it"
                    + " in the warehouse (or export a view of it under another name)"));
        }
        List<ExportTableRow> tableRows = rows.exportTableRows(tableName);
        if (tableRows.isEmpty()) {
            throw new PolicyException(tableName, List.of(prefix + "it has no row in export_tables; add one (with enabled = true) to export it"));
        }
        if (tableRows.size() > 1) {
            throw new PolicyException(tableName, List.of(prefix + "export_tables has " + tableRows.size() + " rows for it (names compare trimmed and"
                    + " case-insensitively, as Redshift resolves them): " + describeAll(tableRows, ExportTableRow::describe) + "; keep one"));
        }
        List<String> problems = new ArrayList<>();
        List<String> rulesWithoutColumn = new ArrayList<>();
        Map<String, String> fields = fieldNames(columns, prefix, problems);
        ExportTableRow table = resolveTableColumns(tableRows.get(0), normalizeName(tableName), fields, prefix, problems);
        Map<String, String> twinConflicts = new LinkedHashMap<>();
        Map<String, ColumnRule> columnRules = columnRules(rows, table, fields, prefix, problems, rulesWithoutColumn, twinConflicts);
        Map<String, Classification> sources = table.sourceColumn() == null ? Map.of() : sources(rows, prefix, problems);
        Map<String, Classification> metrics = table.isLongFormat() ? metrics(rows, table.tableName(), prefix, problems) : Map.of();
        if (!problems.isEmpty()) {
            throw new PolicyException(tableName, problems);
        }
        return new TablePolicy(table, columnRules, sources, metrics, List.copyOf(rulesWithoutColumn), Map.copyOf(twinConflicts));
    }

    /** The warehouse's column names by their normalised form; two columns that differ only in case are an error. */
    private static Map<String, String> fieldNames(StructType columns, String prefix, List<String> problems) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (StructField field : columns.fields()) {
            String previous = fields.putIfAbsent(normalizeName(field.name()), field.name());
            if (previous != null) {
                problems.add(prefix + "columns '" + previous + "' and '" + field.name() + "' differ only in case, so rules cannot tell them apart;"
                        + " rename one in the warehouse");
            }
        }
        return fields;
    }

    private static ExportTableRow resolveTableColumns(ExportTableRow row, String tableName, Map<String, String> fields, String prefix,
                                                      List<String> problems) {
        String time = row.isSnapshot() ? null : resolveColumn("time_column", row.timeColumn(), fields, prefix, problems);
        boolean hasSource = row.sourceColumn() != null && !row.sourceColumn().isBlank();
        String source = hasSource ? resolveColumn("source_column", row.sourceColumn(), fields, prefix, problems) : null;
        String metric = null;
        List<String> values = new ArrayList<>();
        if (row.isLongFormat()) {
            metric = resolveColumn("metric_column", row.metricColumn(), fields, prefix, problems);
            if (row.valueColumnList().isEmpty()) {
                problems.add(prefix + "export_tables gives metric_column '" + row.metricColumn()
                        + "' but no value_columns; list the columns that hold the metric's values");
            }
            row.valueColumnList().forEach(value -> values.add(resolveColumn("value_columns entry", value, fields, prefix, problems)));
        }
        return new ExportTableRow(tableName, row.enabled(), time, source, metric, values.isEmpty() ? null : String.join(",", values));
    }

    private static String resolveColumn(String what, String column, Map<String, String> fields, String prefix, List<String> problems) {
        String name = column.strip();
        if (!Identifiers.isValid(name)) {
            problems.add(prefix + "export_tables gives " + what + " '" + column
                    + "', which is not a valid identifier (letters, digits and _, starting with a letter or _)");
            return name;
        }
        String resolved = fields.get(normalizeName(name));
        if (resolved == null) {
            problems.add(prefix + "export_tables gives " + what + " '" + column + "', which is not a column of the table (it has "
                    + String.join(", ", fields.values().stream().sorted().toList()) + ")");
            return name;
        }
        return resolved;
    }

    private static Map<String, ColumnRule> columnRules(PolicyRows rows, ExportTableRow table, Map<String, String> fields, String prefix,
                                                       List<String> problems, List<String> rulesWithoutColumn,
                                                       Map<String, String> twinConflicts) {
        Map<String, List<ColumnRuleRow>> byColumn = rows.columnRules().stream()
                .filter(rule -> normalizeName(rule.tableName()).equals(table.tableName()))
                .collect(Collectors.groupingBy(rule -> normalizeName(rule.columnName()), LinkedHashMap::new, Collectors.toList()));
        Map<String, ColumnRule> rules = new LinkedHashMap<>();
        byColumn.forEach((column, found) -> {
            if (found.size() > 1) {
                problems.add(prefix + "column '" + column + "' has " + found.size() + " rules in data_column_classification (names compare trimmed"
                        + " and case-insensitively): " + describeAll(found, ColumnRuleRow::describe) + "; keep one");
                return;
            }
            String field = fields.get(column);
            if (field == null) {
                if (!isExpansionTarget(column, byColumn, fields)) {
                    rulesWithoutColumn.add(found.get(0).columnName());
                }
                return;
            }
            columnRule(found.get(0), field, table, prefix, problems).ifPresent(rule -> rules.put(field, rule));
        });
        CompressedTwins.Resolved twins = CompressedTwins.resolve(rules, byColumn, table, fields, prefix, problems);
        twinConflicts.putAll(twins.conflicts());
        return twins.rules();
    }

    // A rule for a column the table lacks is no stale rule while the column's compressed twin is in the table.
    private static boolean isExpansionTarget(String column, Map<String, List<ColumnRuleRow>> byColumn, Map<String, String> fields) {
        return fields.containsKey(column + CompressedTwins.SUFFIX) && byColumn.containsKey(column + CompressedTwins.SUFFIX);
    }

    static Optional<ColumnRule> columnRule(ColumnRuleRow row, String column, ExportTableRow table, String prefix, List<String> problems) {
        Optional<Classification> classification = Classification.fromCode(row.classification());
        if (classification.isEmpty()) {
            problems.add(prefix + "column '" + column + "' has unknown classification '" + row.classification()
                    + "' (expected " + Classification.EXPECTED + ")");
        }
        Optional<Treatment> treatment = Treatment.parse(row.treatment());
        if (row.treatment() != null && !row.treatment().isBlank()) {
            if (treatment.isEmpty()) {
                problems.add(prefix + "column '" + column + "' has unknown treatment '" + row.treatment() + "' (expected " + Treatment.EXPECTED + ")");
            }
            treatment.flatMap(Treatment::argumentProblem).ifPresent(problem ->
                    problems.add(prefix + "column '" + column + "' has treatment '" + row.treatment() + "': " + problem));
        }
        Optional<PiiType> pii = PiiType.fromCode(row.piiType());
        if (row.piiType() != null && !row.piiType().isBlank() && pii.isEmpty()) {
            problems.add(prefix + "column '" + column + "' has unknown pii_type '" + row.piiType() + "' (expected " + PiiType.EXPECTED + ")");
        }
        if (classification.orElse(null) == Classification.MX && table.sourceColumn() == null) {
            problems.add(prefix + "column '" + column + "' is classified mx, but export_tables gives the table no source_column;"
                    + " set source_column or classify the column nr, hwc or de");
        }
        if (classification.isEmpty() || (treatment.isEmpty() && row.treatment() != null && !row.treatment().isBlank())) {
            return Optional.empty();
        }
        return Optional.of(new ColumnRule(column, classification.get(), treatment, pii));
    }

    private static Map<String, Classification> sources(PolicyRows rows, String prefix, List<String> problems) {
        Map<String, List<PolicyRows.SourceRuleRow>> bySource = rows.sourceRules().stream()
                .collect(Collectors.groupingBy(rule -> normalize(rule.source()), LinkedHashMap::new, Collectors.toList()));
        Map<String, Classification> sources = new LinkedHashMap<>();
        bySource.forEach((source, found) -> {
            PolicyRows.SourceRuleRow rule = found.get(0);
            Optional<Classification> classification = Classification.fromCode(rule.classification());
            if (found.size() > 1) {
                problems.add(prefix + "source '" + source + "' has " + found.size() + " rules in actual_data_classifications (after trimming and"
                        + " upper-casing): " + describeAll(found, PolicyRows.SourceRuleRow::describe) + "; keep one");
            } else if (literalProblem(rule.source()).isPresent()) {
                problems.add(prefix + "source '" + printable(rule.source()) + "' in " + rule.describe() + " " + literalProblem(rule.source()).get());
            } else if (classification.isEmpty() || classification.get() == Classification.MX) {
                problems.add(prefix + "source '" + rule.source() + "' has " + (classification.isEmpty() ? "unknown " : "")
                        + "classification '" + rule.classification() + "' (expected nr, de, hwc)");
            } else {
                sources.put(source, classification.get());
            }
        });
        return sources;
    }

    private static Map<String, Classification> metrics(PolicyRows rows, String tableName, String prefix, List<String> problems) {
        Map<String, List<PolicyRows.MetricRuleRow>> byMetric = rows.metricRules().stream()
                .filter(rule -> normalizeName(rule.tableName()).equals(tableName))
                .collect(Collectors.groupingBy(rule -> normalize(rule.metricName()), LinkedHashMap::new, Collectors.toList()));
        Map<String, Classification> metrics = new LinkedHashMap<>();
        byMetric.forEach((metric, found) -> {
            PolicyRows.MetricRuleRow rule = found.get(0);
            Optional<Classification> classification = Classification.fromCode(rule.classification());
            if (found.size() > 1) {
                problems.add(prefix + "metric '" + metric + "' has " + found.size() + " rules in long_table_data_classifications (after trimming and"
                        + " upper-casing): " + describeAll(found, PolicyRows.MetricRuleRow::describe) + "; keep one");
            } else if (literalProblem(rule.metricName()).isPresent()) {
                problems.add(prefix + "metric '" + printable(rule.metricName()) + "' in " + rule.describe() + " " + literalProblem(rule.metricName()).get());
            } else if (classification.isEmpty()) {
                problems.add(prefix + "metric '" + rule.metricName() + "' has unknown classification '" + rule.classification()
                        + "' (expected " + Classification.EXPECTED + ")");
            } else {
                metrics.put(metric, classification.get());
            }
        });
        return metrics;
    }

    /** Sources and metric names match after trimming and upper-casing both sides. */
    static String normalize(String value) {
        return value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
    }

    /**
     * Source and metric names become string literals in the warehouse query. A backslash means different things to
     * PostgreSQL and Redshift, and a control character has no business in a name: both are refused.
     */
    static Optional<String> literalProblem(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of("is " + (name == null ? "NULL" : "blank") + ", which names no value (it would match only cells that are"
                    + " empty after trimming); give the name, or delete the row");
        }
        if (name.indexOf('\\') >= 0) {
            return Optional.of("contains a backslash, which PostgreSQL and Redshift read differently in SQL literals; remove it from the name");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            return Optional.of("contains a control character; remove it from the name");
        }
        return Optional.empty();
    }

    private static String printable(String name) {
        StringBuilder out = new StringBuilder();
        if (name == null) {
            return "NULL";
        }
        name.chars().forEach(c -> out.append(Character.isISOControl(c) ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return out.toString();
    }

    private static <T> String describeAll(List<T> rows, Function<T, String> describe) {
        return rows.stream().map(describe).collect(Collectors.joining(", "));
    }
}
