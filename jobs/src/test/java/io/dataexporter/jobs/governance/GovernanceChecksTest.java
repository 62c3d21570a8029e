package io.dataexporter.jobs.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexporter.classification.expr.SqlDialect;
import io.dataexporter.classification.plan.TablePlan;
import io.dataexporter.classification.plan.TablePlanner;
import io.dataexporter.classification.policy.PolicyRows;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The scan's checks without a warehouse: the plan's drift, unknown values and sampled content, through
 * {@link WarehouseSampler}. The sampler here is this test's own (answers given by hand); {@code PolicyScanIT} runs the
 * JDBC one against PostgreSQL.
 */
class GovernanceChecksTest {

    private static final StructType SCHEMA = new StructType().add("source", DataTypes.StringType).add("notes", DataTypes.StringType)
            .add("extra", DataTypes.StringType);

    private static TablePlan plan(String sourceClass) {
        PolicyRows rows = new PolicyRows(List.of(new PolicyRows.ExportTableRow("t", true, null, "source", null, null)),
                List.of(new PolicyRows.ColumnRuleRow("t", "source", sourceClass, null, null), new PolicyRows.ColumnRuleRow("t", "notes", "nr", null, null),
                        new PolicyRows.ColumnRuleRow("t", "gone", "nr", null, null)),
                List.of(new PolicyRows.SourceRuleRow("FUSION", "nr")), List.of());
        return TablePlanner.plan(rows, "pm_internal", "t", SCHEMA, Optional.empty(), Optional.empty());
    }

    private static WarehouseSampler answering(List<WarehouseSampler.ValueCount> sources, List<String> notes) {
        return new WarehouseSampler() {
            @Override
            public Map<String, Long> filteredRows(TablePlan plan) {
                throw new AssertionError("a wide table has no metric rows to count");
            }

            @Override
            public List<ValueCount> valueCounts(TablePlan plan, String column, int limit) {
                assertThat(column).isEqualTo("source");
                return sources;
            }

            @Override
            public List<String> sample(TablePlan plan, String column, int rows) {
                return column.equals("notes") ? notes : List.of();
            }
        };
    }

    @Test
    void scan_reportsDrift_unknownValuesAsTheirColumnAllows_andPiiInAClearColumn() {
        WarehouseSampler warehouse = answering(List.of(new WarehouseSampler.ValueCount("FUSION", 9), new WarehouseSampler.ValueCount("JANE 0412 345 678", 2),
                new WarehouseSampler.ValueCount(null, 1)), List.of("call 0412 345 678", "fine", "ring 0498 765 432", "ok"));

        List<Finding> clear = PolicyScan.scan(warehouse, plan("nr"), SCHEMA, SqlDialect.POSTGRESQL, new PolicyScan.Settings(10, 0.25)).findings();
        List<Finding> withheld = PolicyScan.scan(warehouse, plan("de"), SCHEMA, SqlDialect.POSTGRESQL, new PolicyScan.Settings(10, 0.25)).findings();

        assertThat(clear).extracting(f -> f.kind().code() + " " + f.subject()).containsExactly("column_without_rule extra", "rule_without_column gone",
                "unknown_source JANE 0412 345 678", "unknown_source NULL", "pii_in_clear_column notes");
        assertThat(clear.get(4).detail()).isEqualTo("2 of 4 sampled cells of notes hold PHONE, e.g. xxxx 0000 000 000 | xxxx 0000 000 000");
        assertThat(clear.get(4).fix()).isEqualTo("UPDATE de_config.data_column_classification SET pii_type = 'PHONE' WHERE table_name = 't' AND column_name"
                + " = 'notes'; (or FREE_TEXT, to scrub the column)");
        // the source column withheld: its unknown value is counted, never shown
        assertThat(withheld).extracting(f -> f.kind().code() + " " + f.subject()).contains("unknown_source source");
        assertThat(withheld.toString()).doesNotContain("JANE", "0412");
    }
}
