package io.dataexporter.jobs.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexporter.classification.plan.ExportWindow;
import io.dataexporter.classification.plan.TablePlan;
import io.dataexporter.classification.plan.TablePlanner;
import io.dataexporter.classification.policy.PolicyRows;
import io.dataexporter.classification.policy.PolicyRows.ColumnRuleRow;
import io.dataexporter.classification.policy.PolicyRows.ExportTableRow;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The read options each source builds from a plan; pure, no warehouse needed. */
class WarehouseSourceOptionsTest {

    private static final ExportWindow WINDOW = new ExportWindow(Instant.parse("2026-10-03T14:00:00Z"), Instant.parse("2026-10-04T13:00:00Z"));
    private static final String QUERY = "SELECT \"ts\", \"speed\" FROM \"pm_internal\".\"speeds\" WHERE \"ts\" >= '2026-10-03 14:00:00+00'"
            + " AND \"ts\" < '2026-10-04 13:00:00+00'";

    @Test
    void jdbcReadOptions_whenWindowed_splitsTheQueryOnTheTimeColumn() {
        Map<String, String> options = JdbcWarehouseSource.readOptions(plan(), 4);

        assertThat(options).containsExactly(Map.entry("fetchsize", "10000"), Map.entry("sessionInitStatement", "SET TIME ZONE 'UTC'"), Map.entry("prepareThreshold", "-1"),
                Map.entry("dbtable", "(" + QUERY + ") AS de_rows"),
                Map.entry("partitionColumn", "ts"), Map.entry("lowerBound", "2026-10-03 14:00:00"), Map.entry("upperBound", "2026-10-04 13:00:00"),
                Map.entry("numPartitions", "4"));
    }

    @Test
    void jdbcReadOptions_withOnePartition_runsTheQueryAsIs() {
        assertThat(JdbcWarehouseSource.readOptions(plan(), 1)).containsExactly(Map.entry("fetchsize", "10000"),
                Map.entry("sessionInitStatement", "SET TIME ZONE 'UTC'"), Map.entry("prepareThreshold", "-1"), Map.entry("query", QUERY));
    }

    @Test
    void jdbcReadOptions_whenTheTimeColumnIsNotReturned_runsOneQuery() {
        PolicyRows rows = new PolicyRows(List.of(new ExportTableRow("speeds", true, "ts", null, null, null)),
                List.of(new ColumnRuleRow("speeds", "ts", "hwc", "NULLIFY", null), new ColumnRuleRow("speeds", "speed", "nr", null, null)), List.of(), List.of());
        StructType schema = new StructType().add("ts", DataTypes.TimestampType).add("speed", DataTypes.DoubleType);
        TablePlan plan = TablePlanner.plan(rows, "pm_internal", "speeds", schema, Optional.of(WINDOW), Optional.empty());

        assertThat(JdbcWarehouseSource.readOptions(plan, 4)).containsExactly(Map.entry("fetchsize", "10000"),
                Map.entry("sessionInitStatement", "SET TIME ZONE 'UTC'"), Map.entry("prepareThreshold", "-1"), Map.entry("query", "SELECT \"speed\" FROM \"pm_internal\".\"speeds\""
                        + " WHERE \"ts\" >= '2026-10-03 14:00:00+00' AND \"ts\" < '2026-10-04 13:00:00+00'"));
    }

    @Test
    void redshiftOptions_unloadParquetUnderAPerRunPerTableTempdir_withTheIamRole() {
        RedshiftWarehouseSource source = new RedshiftWarehouseSource(null, "jdbc:redshift://cluster:5439/pm", "exporter", "pw", "pm_internal",
                "arn:aws:iam::123456789012:role/redshift-unload", "s3a://temp-bucket/unload/", "scheduled-20261005T000000Z-1a2b3c4d", "ap-southeast-2",
                Optional.of("alias/data-exporter-unload"), Optional.empty());

        assertThat(source.options(QUERY, "speeds")).containsExactly(Map.entry("url", "jdbc:redshift://cluster:5439/pm"), Map.entry("user", "exporter"),
                Map.entry("password", "pw"), Map.entry("query", QUERY),
                Map.entry("tempdir", "s3a://temp-bucket/unload/scheduled-20261005T000000Z-1a2b3c4d/speeds/"),
                Map.entry("tempdir_region", "ap-southeast-2"), Map.entry("aws_iam_role", "arn:aws:iam::123456789012:role/redshift-unload"),
                Map.entry("unload_s3_format", "PARQUET"), Map.entry("extraunloadoptions", "ENCRYPTED AUTO"), Map.entry("autopushdown", "false"),
                Map.entry("check_s3_bucket_usage", "false"));
    }

    @Test
    void redshiftOptions_withADriverClass_nameItAsTheConnectorsJdbcDriver() {
        RedshiftWarehouseSource source = new RedshiftWarehouseSource(null, "jdbc:redshift-emulated://127.0.0.1:5432/pm", "exporter", "pw", "pm_internal",
                "arn:aws:iam::123456789012:role/redshift-unload", "s3a://temp-bucket/unload", "range-1", "ap-southeast-2",
                Optional.empty(), Optional.of("io.dataexporter.redshiftemulator.EmulatedRedshiftDriver"));

        assertThat(source.options(QUERY, "speeds")).containsEntry("jdbcdriver", "io.dataexporter.redshiftemulator.EmulatedRedshiftDriver")
                .containsEntry("tempdir", "s3a://temp-bucket/unload/range-1/speeds/").doesNotContainKey("sse_kms_key").doesNotContainKey("extraunloadoptions");
    }

    @Test
    void redshiftCleanup_ofATableNameThatIsAPath_removesNothing_andNoOptionsAreBuiltForIt() {
        // no Spark session: a cleanup that reached the file system would fail here
        RedshiftWarehouseSource source = new RedshiftWarehouseSource(null, "jdbc:redshift://cluster:5439/pm", "exporter", "pw", "pm_internal",
                "arn:aws:iam::123456789012:role/redshift-unload", "s3a://temp-bucket/unload/", "scheduled-20261005T000000Z-1a2b3c4d", "ap-southeast-2",
                Optional.of("alias/data-exporter-unload"), Optional.empty());

        source.finished("../../prod");
        source.finished("speeds/../../..");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> source.options(QUERY, "../../prod"))
                .hasMessage("Table name '../../prod' is not an identifier; it cannot name an UNLOAD folder");
    }

    private static TablePlan plan() {
        PolicyRows rows = new PolicyRows(List.of(new ExportTableRow("speeds", true, "ts", null, null, null)),
                List.of(new ColumnRuleRow("speeds", "ts", "nr", null, null), new ColumnRuleRow("speeds", "speed", "nr", null, null)), List.of(), List.of());
        StructType schema = new StructType().add("ts", DataTypes.TimestampType).add("speed", DataTypes.DoubleType);
        return TablePlanner.plan(rows, "pm_internal", "speeds", schema, Optional.of(WINDOW), Optional.empty());
    }
}
