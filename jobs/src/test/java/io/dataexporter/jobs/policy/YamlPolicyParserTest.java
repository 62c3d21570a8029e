package io.dataexporter.jobs.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataexporter.classification.policy.PolicyRows;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlPolicyParserTest {

    @Test
    void parse_readsTheFourSectionsRowForRow() {
        PolicyRows rows = YamlPolicyParser.parse("""
                export_tables:
                  - {table_name: way_speed, enabled: true, time_column: ts, source_column: source}
                data_column_classification:
                  - {table_name: way_speed, column_name: speed_kph, classification: mx, treatment: ROUND(0)}
                actual_data_classifications:
                  - {source: FUSION, classification: nr}
                long_table_data_classifications:
                  - {table_name: metrics_long, metric_name: volume, classification: nr}
                """, "policy.yaml");

        assertThat(rows).isEqualTo(new PolicyRows(
                List.of(new PolicyRows.ExportTableRow("way_speed", true, "ts", "source", null, null)),
                List.of(new PolicyRows.ColumnRuleRow("way_speed", "speed_kph", "mx", "ROUND(0)", null)),
                List.of(new PolicyRows.SourceRuleRow("FUSION", "nr")),
                List.of(new PolicyRows.MetricRuleRow("metrics_long", "volume", "nr"))));
    }

    @Test
    void parse_unknownSection_namesItAndTheExpectedOnes() {
        assertThatThrownBy(() -> YamlPolicyParser.parse("sources: []\n", "policy.yaml"))
                .hasMessage("Cannot read the policy from policy.yaml: unknown section 'sources' (expected actual_data_classifications,"
                        + " data_column_classification, export_tables, long_table_data_classifications)");
    }

    @Test
    void parse_sectionNotAList_saysSo() {
        assertThatThrownBy(() -> YamlPolicyParser.parse("export_tables: way\n", "policy.yaml"))
                .hasMessage("Cannot read the policy from policy.yaml: section 'export_tables' must be a list of rows (mappings)");
    }
}
