package io.dataexporter.classification.plan;

import io.dataexporter.classification.policy.Classification;
import io.dataexporter.classification.policy.PiiType;
import io.dataexporter.classification.policy.PolicyException;
import io.dataexporter.classification.policy.PolicyRows;
import io.dataexporter.classification.policy.PolicyRows.ColumnRuleRow;
import io.dataexporter.classification.policy.PolicyRows.ExportTableRow;
import io.dataexporter.classification.policy.Treatment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.types.StructType;

/**
 * The policy rows that concern one table, validated against the table's warehouse schema. Every problem is
 * collected and reported together, each naming the table, the rule, the bad value and the fix.
 */
record TablePolicy(
        ExportTableRow table,
        Map<String, ColumnRule> columnRules,
        Map<String, Classification> sources,
        Map<String, Classification> metrics,
        List<String> warnings) {

    static TablePolicy resolve(PolicyRows rows, String schema, String tableName, StructType columns) {
        String prefix = "Cannot export table " + schema + "." + tableName + ": ";
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (!Identifiers.isValid(tableName)) {
            throw new PolicyException(tableName, List.of("Cannot export table '" + tableName
                    + "': the name is not a valid identifier (letters, digits and _, starting with a letter or _)"));
        }
        ExportTableRow table = rows.exportTable(tableName).orElseThrow(() -> new PolicyException(tableName,
                List.of(prefix + "it has no row in export_tables; add one (with enabled = true) to export it")));
        Set<String> present = Arrays.stream(columns.fieldNames()).collect(Collectors.toSet());
        checkTableColumns(table, present, prefix, problems);
        Map<String, ColumnRule> columnRules = columnRules(rows, table, present, prefix, problems, warnings);
        Map<String, Classification> sources = table.sourceColumn() == null ? Map.of() : sources(rows, prefix, problems);
        Map<String, Classification> metrics = table.isLongFormat() ? metrics(rows, tableName, prefix, problems) : Map.of();
        if (!problems.isEmpty()) {
            throw new PolicyException(tableName, problems);
        }
        return new TablePolicy(table, columnRules, sources, metrics, List.copyOf(warnings));
    }

    private static void checkTableColumns(ExportTableRow table, Set<String> present, String prefix, List<String> problems) {
        Map<String, String> named = new LinkedHashMap<>();
        if (!table.isSnapshot()) {
            named.put("time_column", table.timeColumn());
        }
        if (table.sourceColumn() != null && !table.sourceColumn().isBlank()) {
            named.put("source_column", table.sourceColumn());
        }
        if (table.isLongFormat()) {
            named.put("metric_column", table.metricColumn());
            if (table.valueColumnList().isEmpty()) {
                problems.add(prefix + "export_tables gives metric_column '" + table.metricColumn()
                        + "' but no value_columns; list the columns that hold the metric's values");
            }
            table.valueColumnList().forEach(value -> named.put("value_columns entry", value));
        }
        named.forEach((what, column) -> {
            if (!Identifiers.isValid(column)) {
                problems.add(prefix + "export_tables gives " + what + " '" + column
                        + "', which is not a valid identifier (letters, digits and _, starting with a letter or _)");
            } else if (!present.contains(column)) {
                problems.add(prefix + "export_tables gives " + what + " '" + column + "', which is not a column of the table (it has "
                        + String.join(", ", present.stream().sorted().toList()) + ")");
            }
        });
    }

    private static Map<String, ColumnRule> columnRules(PolicyRows rows, ExportTableRow table, Set<String> present, String prefix,
                                                       List<String> problems, List<String> warnings) {
        Map<String, List<ColumnRuleRow>> byColumn = rows.columnRules().stream()
                .filter(rule -> table.tableName().equals(rule.tableName()))
                .collect(Collectors.groupingBy(ColumnRuleRow::columnName, LinkedHashMap::new, Collectors.toList()));
        Map<String, ColumnRule> rules = new LinkedHashMap<>();
        byColumn.forEach((column, found) -> {
            if (found.size() > 1) {
                problems.add(prefix + "column '" + column + "' has " + found.size() + " rules in data_column_classification; keep one");
                return;
            }
            if (!present.contains(column)) {
                warnings.add("data_column_classification names column '" + column + "', which the table does not have");
                return;
            }
            columnRule(found.get(0), table, prefix, problems).ifPresent(rule -> rules.put(column, rule));
        });
        return rules;
    }

    private static Optional<ColumnRule> columnRule(ColumnRuleRow row, ExportTableRow table, String prefix, List<String> problems) {
        String column = row.columnName();
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
        if (classification.orElse(null) == Classification.MX && (table.sourceColumn() == null || table.sourceColumn().isBlank())) {
            problems.add(prefix + "column '" + column + "' is classified mx, but export_tables gives the table no source_column;"
                    + " set source_column or classify the column nr, hwc or de");
        }
        if (classification.isEmpty() || (treatment.isEmpty() && row.treatment() != null && !row.treatment().isBlank())) {
            return Optional.empty();
        }
        return Optional.of(new ColumnRule(column, classification.get(), treatment, pii));
    }

    private static Map<String, Classification> sources(PolicyRows rows, String prefix, List<String> problems) {
        Map<String, Classification> sources = new LinkedHashMap<>();
        Map<String, Long> counts = rows.sourceRules().stream()
                .collect(Collectors.groupingBy(rule -> normalize(rule.source()), Collectors.counting()));
        for (PolicyRows.SourceRuleRow rule : rows.sourceRules()) {
            String source = normalize(rule.source());
            Optional<Classification> classification = Classification.fromCode(rule.classification());
            if (counts.get(source) > 1) {
                addOnce(problems, prefix + "source '" + source + "' has " + counts.get(source)
                        + " rules in actual_data_classifications (after trimming and upper-casing); keep one");
            } else if (classification.isEmpty() || classification.get() == Classification.MX) {
                problems.add(prefix + "source '" + rule.source() + "' has " + (classification.isEmpty() ? "unknown " : "")
                        + "classification '" + rule.classification() + "' (expected nr, de, hwc)");
            } else {
                sources.put(source, classification.get());
            }
        }
        return sources;
    }

    private static Map<String, Classification> metrics(PolicyRows rows, String tableName, String prefix, List<String> problems) {
        Map<String, Classification> metrics = new LinkedHashMap<>();
        List<PolicyRows.MetricRuleRow> rules = rows.metricRules().stream().filter(rule -> tableName.equals(rule.tableName())).toList();
        Map<String, Long> counts = rules.stream().collect(Collectors.groupingBy(rule -> normalize(rule.metricName()), Collectors.counting()));
        for (PolicyRows.MetricRuleRow rule : rules) {
            String metric = normalize(rule.metricName());
            Optional<Classification> classification = Classification.fromCode(rule.classification());
            if (counts.get(metric) > 1) {
                addOnce(problems, prefix + "metric '" + metric + "' has " + counts.get(metric)
                        + " rules in long_table_data_classifications (after trimming and upper-casing); keep one");
            } else if (classification.isEmpty()) {
                problems.add(prefix + "metric '" + rule.metricName() + "' has unknown classification '" + rule.classification()
                        + "' (expected " + Classification.EXPECTED + ")");
            } else {
                metrics.put(metric, classification.get());
            }
        }
        return metrics;
    }

    /** Sources and metric names match after trimming and upper-casing both sides. */
    static String normalize(String value) {
        return value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
    }

    private static void addOnce(List<String> problems, String problem) {
        if (!problems.contains(problem)) {
            problems.add(problem);
        }
    }
}
