package io.dataexporter.jobs.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexporter.classification.plan.ExportWindow;
import io.dataexporter.classification.expr.SqlDialect;
import io.dataexporter.classification.plan.TablePlan;
import io.dataexporter.classification.plan.TablePlanner;
import io.dataexporter.classification.policy.HashKey;
import io.dataexporter.classification.policy.PolicyRows;
import io.dataexporter.jobs.TestSpark;
import io.dataexporter.jobs.policy.JdbcPolicyLoader;
import io.dataexporter.localstack.LocalStack;
import io.dataexporter.localstack.TestStack;
import io.dataexporter.localstack.seed.SeedOptions;
import io.dataexporter.localstack.seed.SyntheticWarehouse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Shows that the policy is pushed into the warehouse: withheld columns are never read and de metrics are filtered in PostgreSQL. */
class ClassificationPushdownIT {

    private static final ExportWindow DST_DAY = new ExportWindow(Instant.parse("2026-10-03T14:00:00Z"), Instant.parse("2026-10-04T13:00:00Z"));
    private static final HashKey KEY = HashKey.fromPepper("pepper-for-tests-0001");
    private static PolicyRows policy;
    private static JdbcWarehouseSource source;

    @BeforeAll
    static void seed() throws Exception {
        LocalStack stack = TestStack.get();
        try (Connection connection = stack.openConnection(); Statement statement = connection.createStatement()) {
            SyntheticWarehouse.seed(connection, new SeedOptions(2000, 3, SeedOptions.DEFAULT_AROUND, 42));
            statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            policy = new JdbcPolicyLoader("de_config").load(connection);
        }
        source = new JdbcWarehouseSource(TestSpark.get(), stack.endpoints().jdbcUrl(), stack.endpoints().user(), stack.endpoints().password(), "pm_internal");
    }

    @Test
    void read_longTable_filtersDeAndUnknownMetricsInPostgres_soPostgresReturnsOnlyTheKeptRows() throws Exception {
        TablePlan plan = TablePlanner.plan(policy, "pm_internal", "metrics_long", source.schema("metrics_long"), Optional.of(DST_DAY), Optional.of(KEY));
        resetStatements();

        Dataset<Row> rows = source.read(plan);
        long read = rows.count();

        long kept = countInPostgres("SELECT count(*) FROM pm_internal.metrics_long WHERE ts >= '2026-10-03 14:00:00+00'"
                + " AND ts < '2026-10-04 13:00:00+00' AND upper(btrim(metric_name)) IN ('VOLUME', 'OCCUPANCY', 'TRAVEL_TIME')");
        long window = countInPostgres("SELECT count(*) FROM pm_internal.metrics_long WHERE ts >= '2026-10-03 14:00:00+00'"
                + " AND ts < '2026-10-04 13:00:00+00'");
        assertThat(read).isEqualTo(kept).isLessThan(window);
        assertThat(rows.schema().fieldNames()).containsExactly("ts", "entity_id", "metric_name", "value", "source", "de_source_class", "de_metric_class");
        // pg_stat_statements shows literals as $n: the IN list holds exactly the three kept metrics, and PostgreSQL itself
        // returned only the kept rows (had Spark filtered, PostgreSQL would have returned every row of the window)
        List<String[]> received = statementsWithRowsOn("metrics_long");
        assertThat(received).isNotEmpty().allSatisfy(statement -> assertThat(statement[0])
                .containsPattern("upper\\(btrim\\(\"metric_name\"\\)\\) IN \\(\\$\\d+, \\$\\d+, \\$\\d+\\)")
                .contains("\"ts\" >= $"));
        assertThat(received.stream().mapToLong(statement -> Long.parseLong(statement[1])).sum()).isEqualTo(kept);
    }

    @Test
    void read_cctv_neverSelectsTheUnclassifiedColumn() throws Exception {
        TablePlan plan = TablePlanner.plan(policy, "pm_internal", "cctv_event", source.schema("cctv_event"), Optional.of(DST_DAY), Optional.of(KEY));
        resetStatements();

        Dataset<Row> rows = source.read(plan);
        String physicalPlan = rows.queryExecution().executedPlan().toString();
        rows.count();

        assertThat(physicalPlan).contains("ReadSchema: struct<event_time:timestamp,camera_id:int,").doesNotContain("internal_ref");
        assertThat(rows.schema().fieldNames()).containsExactly("event_time", "camera_id", "device_serial", "plate_number", "vehicle_class",
                "operator_name", "operator_email", "lat", "lon", "notes");
        List<String> received = statementsOn("cctv_event");
        assertThat(received).isNotEmpty().allSatisfy(sql -> assertThat(sql).doesNotContain("internal_ref"));
    }

    @Test
    void read_way_neverSelectsTheDeColumn() throws Exception {
        TablePlan plan = TablePlanner.plan(policy, "pm_internal", "way", source.schema("way"), Optional.empty(), Optional.of(KEY));
        resetStatements();

        source.read(plan).count();

        assertThat(statementsOn("way")).isNotEmpty()
                .allSatisfy(sql -> assertThat(sql).doesNotContain("maintenance_contact").contains("\"geoj_way_feature_compressed\""));
    }

    @Test
    void warehouseQuery_runAsIs_returnsNoCellTheSourceClassWithholds_andRoundsTreatedCellsInPostgres() throws Exception {
        TablePlan plan = TablePlanner.plan(policy, "pm_internal", "way_speed", source.schema("way_speed"), Optional.of(DST_DAY), Optional.of(KEY));

        // de sources (2) and sources no rule names (9, NULL too) alike: nothing of the mx columns leaves
        List<Long> counts = countsInPostgres("SELECT count(*) FILTER (WHERE de_source_class IN (2, 9)),"
                + " count(*) FILTER (WHERE de_source_class IN (2, 9) AND (speed_kph IS NOT NULL OR travel_time_s IS NOT NULL)),"
                + " count(*) FILTER (WHERE de_source_class = 3),"
                + " count(*) FILTER (WHERE de_source_class = 3 AND (travel_time_s IS NOT NULL OR speed_kph IS NULL OR speed_kph <> round(speed_kph))),"
                + " count(*) FILTER (WHERE de_source_class = 0 AND speed_kph <> round(speed_kph))"
                + " FROM (" + plan.warehouseQuery(SqlDialect.POSTGRESQL) + ") AS exported");

        assertThat(counts.get(0)).isEqualTo(countInPostgres("SELECT count(*) FROM pm_internal.way_speed WHERE ts >= '2026-10-03 14:00:00+00'"
                + " AND ts < '2026-10-04 13:00:00+00' AND (source IS NULL OR upper(btrim(source)) NOT IN ('FUSION', 'TOMTOM'))")).isPositive();
        assertThat(counts.get(1)).isZero();
        assertThat(counts.get(2)).isEqualTo(countInPostgres("SELECT count(*) FROM pm_internal.way_speed WHERE ts >= '2026-10-03 14:00:00+00'"
                + " AND ts < '2026-10-04 13:00:00+00' AND upper(btrim(source)) = 'TOMTOM'")).isPositive();
        assertThat(counts.get(3)).isZero();
        assertThat(counts.get(4)).as("FUSION speeds leave unrounded").isPositive();
    }

    @Test
    void warehouseQuery_runAsIs_masksTheAsciiLettersAndDigitsOfRedactedAndShownColumnsInPostgres() throws Exception {
        TablePlan cctv = TablePlanner.plan(policy, "pm_internal", "cctv_event", source.schema("cctv_event"), Optional.of(DST_DAY), Optional.of(KEY));
        TablePlan incident = TablePlanner.plan(policy, "pm_internal", "incident", source.schema("incident"), Optional.of(DST_DAY), Optional.of(KEY));

        // what leaves PostgreSQL (and, on Redshift, what UNLOAD writes to the tempdir): no ASCII letter but x and X, no digit but 0,
        // outside the clear tail or head that SHOW_* keeps (at most four, at most half)
        List<Long> cctvCounts = countsInPostgres("SELECT count(*), count(*) FILTER (WHERE operator_name ~ '[a-wyzA-WYZ1-9]'),"
                + " count(*) FILTER (WHERE left(device_serial, char_length(device_serial) - least(4, char_length(device_serial) / 2)) ~ '[a-wyzA-WYZ1-9]'),"
                + " count(*) FILTER (WHERE operator_name IS NOT NULL) FROM (" + cctv.warehouseQuery(SqlDialect.POSTGRESQL) + ") AS exported");
        assertThat(cctvCounts.get(0)).isPositive();
        assertThat(cctvCounts.subList(1, 3)).containsExactly(0L, 0L);
        assertThat(cctvCounts.get(3)).isPositive();
        List<Long> incidentCounts = countsInPostgres("SELECT count(reporter_phone), count(*) FILTER (WHERE substr(reporter_phone,"
                + " least(4, char_length(reporter_phone) / 2) + 1) ~ '[1-9]') FROM (" + incident.warehouseQuery(SqlDialect.POSTGRESQL) + ") AS exported");
        assertThat(incidentCounts.get(0)).isPositive();
        assertThat(incidentCounts.get(1)).isZero();
        // the same SQL in Redshift's dialect: translate, left, right and substr exist there as here
        assertThat(cctv.warehouseQuery(SqlDialect.REDSHIFT)).contains("translate(\"operator_name\", 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'");
    }

    @Test
    void warehouseQuery_whenNoRuleAllowsAnyMetricOrSource_runsInPostgres_andReturnsNothingWithheld() throws Exception {
        // every metric rule de, and every source de: the class CASEs had no WHEN, a syntax error that was retried as an outage
        PolicyRows allDe = new PolicyRows(policy.exportTables(), policy.columnRules(),
                policy.sourceRules().stream().map(rule -> new io.dataexporter.classification.policy.PolicyRows.SourceRuleRow(rule.source(), "de")).toList(),
                policy.metricRules().stream().map(rule -> new io.dataexporter.classification.policy.PolicyRows.MetricRuleRow(rule.tableName(),
                        rule.metricName(), "de")).toList());
        TablePlan metrics = TablePlanner.plan(allDe, "pm_internal", "metrics_long", source.schema("metrics_long"), Optional.of(DST_DAY), Optional.of(KEY));
        TablePlan speeds = TablePlanner.plan(allDe, "pm_internal", "way_speed", source.schema("way_speed"), Optional.of(DST_DAY), Optional.of(KEY));

        assertThat(metrics.warehouseQuery(SqlDialect.POSTGRESQL)).contains("WHEN 'TOMTOM' THEN 2 ELSE 9 END AS \"de_source_class\"")
                .contains("WHEN 'VOLUME' THEN 2 ELSE 9 END AS \"de_metric_class\"").contains("1 = 0");
        assertThat(countInPostgres("SELECT count(*) FROM (" + metrics.warehouseQuery(SqlDialect.POSTGRESQL) + ") AS exported")).isZero();
        // way_speed's mx columns: no source may show them, so every cell is NULL, and the query runs
        assertThat(countsInPostgres("SELECT count(*), count(speed_kph), count(travel_time_s) FROM (" + speeds.warehouseQuery(SqlDialect.POSTGRESQL)
                + ") AS exported")).containsExactly(countInPostgres("SELECT count(*) FROM pm_internal.way_speed WHERE ts >= '2026-10-03 14:00:00+00'"
                + " AND ts < '2026-10-04 13:00:00+00'"), 0L, 0L);
        assertThat(source.read(speeds).count()).isPositive();
    }

    @Test
    void warehouseQuery_runAsIs_nullsMxMetricValuesOfOtherThanNrSources() throws Exception {
        TablePlan plan = TablePlanner.plan(policy, "pm_internal", "metrics_long", source.schema("metrics_long"), Optional.of(DST_DAY), Optional.of(KEY));

        List<Long> counts = countsInPostgres("SELECT count(*) FILTER (WHERE de_metric_class = 1 AND de_source_class <> 0),"
                + " count(*) FILTER (WHERE de_metric_class = 1 AND de_source_class <> 0 AND value IS NOT NULL),"
                + " count(*) FILTER (WHERE de_metric_class = 1 AND de_source_class = 0 AND value IS NULL)"
                + " FROM (" + plan.warehouseQuery(SqlDialect.POSTGRESQL) + ") AS exported");

        long mxFromOtherSources = countInPostgres("SELECT count(*) FROM pm_internal.metrics_long WHERE ts >= '2026-10-03 14:00:00+00'"
                + " AND ts < '2026-10-04 13:00:00+00' AND upper(btrim(metric_name)) = 'OCCUPANCY' AND (source IS NULL OR upper(btrim(source)) <> 'FUSION')");
        assertThat(mxFromOtherSources).isPositive();
        assertThat(counts).containsExactly(mxFromOtherSources, 0L, 0L);
    }

    @Test
    void warehouseQuery_roundsFloatsInPostgres_toTheNearestMultiple_asNumericRoundingDoesButAtHalves() throws Exception {
        // 200,006 doubles and reals across magnitudes, signs and halfway cases
        try (Connection connection = TestStack.get().openConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS pm_internal.round_probe");
            statement.execute("CREATE TABLE pm_internal.round_probe AS SELECT i AS id, v AS d3, v AS d0, v AS dm2, CAST(v AS real) AS r2"
                    + " FROM generate_series(-100000, 100000) AS i, LATERAL (SELECT CASE i % 4 WHEN 0 THEN i / 2000.0 WHEN 1 THEN i * 0.0005"
                    + " WHEN 2 THEN i * 123456.789 ELSE i / 7.0 END::double precision AS v) AS value"
                    + " UNION ALL SELECT 100000 + n, v, v, v, CAST(CASE WHEN abs(v) < 1e30 THEN v END AS real)"
                    + " FROM unnest(ARRAY[1e300, -1e300, 4503599627370497.0, -0.0001, 0.0]::double precision[]) WITH ORDINALITY AS extreme(v, n)");
        }
        try {
            PolicyRows probe = new PolicyRows(List.of(new PolicyRows.ExportTableRow("round_probe", true, null, null, null, null)),
                    List.of(new PolicyRows.ColumnRuleRow("round_probe", "id", "nr", null, null),
                            new PolicyRows.ColumnRuleRow("round_probe", "d3", "hwc", "ROUND(3)", null),
                            new PolicyRows.ColumnRuleRow("round_probe", "d0", "hwc", "ROUND(0)", null),
                            new PolicyRows.ColumnRuleRow("round_probe", "dm2", "hwc", "ROUND(-2)", null),
                            new PolicyRows.ColumnRuleRow("round_probe", "r2", "hwc", "ROUND(2)", null)),
                    List.of(), List.of());
            TablePlan plan = TablePlanner.plan(probe, "pm_internal", "round_probe", source.schema("round_probe"), Optional.empty(), Optional.of(KEY));
            assertThat(plan.warehouseQuery(SqlDialect.POSTGRESQL)).doesNotContain("numeric");

            // each result is the nearest multiple of 10^-n, and differs from numeric rounding only where the value is a hair from a half
            StringBuilder sql = new StringBuilder("SELECT count(*)");
            for (String[] column : new String[][] {{"d3", "3"}, {"d0", "0"}, {"dm2", "-2"}}) {
                String exported = "e." + column[0];
                String value = "p." + column[0];
                String scale = "power(10.0, " + column[1] + ")";
                String scaled = value + " * " + scale;
                sql.append(", count(*) FILTER (WHERE abs(").append(exported).append(" - ").append(value).append(") > 0.5 / ").append(scale)
                        .append(" + abs(").append(value).append(") * 1e-15 OR abs(").append(exported).append(" * ").append(scale).append(" - round(").append(exported)
                        .append(" * ").append(scale).append(")) > 1e-6 + abs(").append(scaled).append(") * 1e-15)")
                        .append(", count(*) FILTER (WHERE ").append(exported).append(" IS DISTINCT FROM CAST(round(CAST(").append(value).append(" AS numeric), ")
                        .append(column[1]).append(") AS double precision) AND abs(abs(").append(scaled).append(" - trunc(").append(scaled)
                        .append(")) - 0.5) > 1e-9 AND abs(").append(value).append(") < 1e14)");
            }
            sql.append(", count(*) FILTER (WHERE abs(e.r2 - p.r2) > 0.005 + abs(p.r2) * 1e-6), count(*) FILTER (WHERE e.d3 <> p.d3 AND abs(p.d3) < 1e14)");
            // independently: the values that are not already a multiple of 0.001 (below 1e14, where numeric holds every digit of a
            // double); from 1e14 up every double is a whole number, which rounding keeps
            sql.append(", count(*) FILTER (WHERE CAST(round(CAST(p.d3 AS numeric), 3) AS double precision) <> p.d3 AND abs(p.d3) < 1e14)");
            sql.append(", count(*) FILTER (WHERE e.d3 <> p.d3 AND abs(p.d3) >= 1e14)");
            List<Long> counts = countsInPostgres(sql + " FROM (" + plan.warehouseQuery(SqlDialect.POSTGRESQL) + ") AS e JOIN pm_internal.round_probe AS p USING (id)");

            long notMultiples = counts.get(9);
            assertThat(notMultiples).as("values the rounding must change").isGreaterThan(100_000L);
            assertThat(counts).containsExactly(200_006L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, notMultiples, notMultiples, 0L);
        } finally {
            try (Connection connection = TestStack.get().openConnection(); Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE pm_internal.round_probe");
            }
        }
    }

    private static List<Long> countsInPostgres(String sql) throws Exception {
        List<Long> counts = new ArrayList<>();
        try (Connection connection = TestStack.get().openConnection(); Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
                counts.add(row.getLong(i));
            }
        }
        return counts;
    }

    private static void resetStatements() throws Exception {
        try (Connection connection = TestStack.get().openConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_stat_statements_reset()");
        }
    }

    // each statement's normalised text and the rows it returned in all its calls
    private static List<String[]> statementsWithRowsOn(String table) throws Exception {
        List<String[]> statements = new ArrayList<>();
        try (Connection connection = TestStack.get().openConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT query, rows FROM pg_stat_statements WHERE query LIKE '%\"pm_internal\".\"" + table + "\"%'")) {
            while (rows.next()) {
                statements.add(new String[] {rows.getString(1), rows.getString(2)});
            }
        }
        return statements;
    }

    private static List<String> statementsOn(String table) throws Exception {
        List<String> statements = new ArrayList<>();
        try (Connection connection = TestStack.get().openConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT query FROM pg_stat_statements WHERE query LIKE '%\"pm_internal\".\"" + table + "\"%'")) {
            while (rows.next()) {
                statements.add(rows.getString(1));
            }
        }
        return statements;
    }

    private static long countInPostgres(String sql) throws Exception {
        try (Connection connection = TestStack.get().openConnection(); Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
