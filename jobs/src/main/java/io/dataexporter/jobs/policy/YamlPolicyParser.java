package io.dataexporter.jobs.policy;

import io.dataexporter.classification.policy.PolicyRows;
import io.dataexporter.classification.policy.PolicyRows.ColumnRuleRow;
import io.dataexporter.classification.policy.PolicyRows.ExportTableRow;
import io.dataexporter.classification.policy.PolicyRows.MetricRuleRow;
import io.dataexporter.classification.policy.PolicyRows.SourceRuleRow;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads the policy from YAML with the same content as the four {@code de_config} tables: one list per table,
 * one mapping per row, keys named as the table's columns.
 */
public final class YamlPolicyParser {

    private static final Set<String> SECTIONS = Set.of("export_tables", "data_column_classification", "actual_data_classifications",
            "long_table_data_classifications");

    private YamlPolicyParser() {
    }

    public static PolicyRows parse(String yaml, String origin) {
        Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        if (!(document instanceof Map<?, ?> sections)) {
            throw new IllegalArgumentException("Cannot read the policy from " + origin + ": expected a mapping with the sections " + sorted(SECTIONS));
        }
        for (Object key : sections.keySet()) {
            if (!SECTIONS.contains(String.valueOf(key))) {
                throw new IllegalArgumentException("Cannot read the policy from " + origin + ": unknown section '" + key + "' (expected " + sorted(SECTIONS) + ")");
            }
        }
        return new PolicyRows(
                rows(sections, "export_tables", origin).stream().map(r -> new ExportTableRow(text(r, "table_name"),
                        Boolean.parseBoolean(text(r, "enabled")), text(r, "time_column"), text(r, "source_column"),
                        text(r, "metric_column"), text(r, "value_columns"))).toList(),
                rows(sections, "data_column_classification", origin).stream().map(r -> new ColumnRuleRow(text(r, "table_name"),
                        text(r, "column_name"), text(r, "classification"), text(r, "treatment"), text(r, "pii_type"))).toList(),
                rows(sections, "actual_data_classifications", origin).stream().map(r -> new SourceRuleRow(text(r, "source"),
                        text(r, "classification"))).toList(),
                rows(sections, "long_table_data_classifications", origin).stream().map(r -> new MetricRuleRow(text(r, "table_name"),
                        text(r, "metric_name"), text(r, "classification"))).toList());
    }

    private static List<Map<?, ?>> rows(Map<?, ?> sections, String section, String origin) {
        Object rows = sections.get(section);
        if (rows == null) {
            return List.of();
        }
        if (!(rows instanceof List<?> list) || !list.stream().allMatch(row -> row instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("Cannot read the policy from " + origin + ": section '" + section + "' must be a list of rows (mappings)");
        }
        return list.stream().<Map<?, ?>>map(row -> (Map<?, ?>) row).toList();
    }

    private static String text(Map<?, ?> row, String column) {
        Object value = row.get(column);
        return value == null ? null : String.valueOf(value);
    }

    private static String sorted(Set<String> values) {
        return String.join(", ", values.stream().sorted().toList());
    }
}
