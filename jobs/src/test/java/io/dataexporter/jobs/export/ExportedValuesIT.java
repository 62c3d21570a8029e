package io.dataexporter.jobs.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexporter.jobs.export.PolicyExpectation.Rows;
import io.dataexporter.localstack.seed.SeedOptions;
import io.dataexporter.localstack.seed.SyntheticWarehouse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The scheduled export's written output, every column of every table, read back by DuckDB from the S3 server and
 * compared value by value with the policy recomputed in PostgreSQL from the source ({@link PolicyExpectation}).
 */
class ExportedValuesIT {

    private static final ExportHarness HARNESS = new ExportHarness("it-values");
    private static final LocalDate DAY = LocalDate.of(2026, 10, 4);
    // 2026-10-04 in Melbourne: daylight saving starts, 23 hours
    private static final Instant FROM = Instant.parse("2026-10-03T14:00:00Z");
    private static final Instant TO = Instant.parse("2026-10-04T13:00:00Z");

    @BeforeAll
    static void seedAndExport() throws Exception {
        try (Connection connection = HARNESS.stack.openConnection()) {
            SyntheticWarehouse.seed(connection, new SeedOptions(3000, 3, SeedOptions.DEFAULT_AROUND, 11));
        }
        HARNESS.run("--date", DAY.toString());
        assertThat(HARNESS.exitCode).as(HARNESS.output).isZero();
    }

    @Test
    void export_writesEveryColumnOfEveryTableAsThePolicyComputedInPostgresqlSays() throws Exception {
        try (Connection connection = HARNESS.stack.openConnection(); S3Client s3 = HARNESS.s3()) {
            PolicyExpectation.createFunctions(connection, ExportHarness.effectivePepper());
            ParquetReadback readback = new ParquetReadback(s3, HARNESS.stack.endpoints().bucket());
            assertThat(folders(readback)).containsExactly("cctv_event", "classifications", "incident", "metrics_long", "way", "way_speed");
            for (String table : PolicyExpectation.TABLES) {
                Rows expected = partition(PolicyExpectation.expected(connection, table, FROM, TO));
                Rows actual = readback.read("it-values/2026/10/04/" + table + "/", Set.of());

                assertThat(actual.differenceFrom(expected)).as(table).isEmpty();
                assertThat(actual.lines()).as(table).hasSizeGreaterThanOrEqualTo(5);
            }
        }
    }

    @Test
    void export_writesThePolicyTablesAsApplied() throws Exception {
        try (Connection connection = HARNESS.stack.openConnection(); S3Client s3 = HARNESS.s3()) {
            ParquetReadback readback = new ParquetReadback(s3, HARNESS.stack.endpoints().bucket());
            for (String table : List.of("actual_data_classifications", "data_column_classification", "export_tables", "long_table_data_classifications")) {
                Rows expected;
                try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery("SELECT * FROM de_config." + table)) {
                    expected = partition(Rows.read(result, Set.of()));
                }
                Rows actual = readback.read("it-values/2026/10/04/classifications/" + table + "/", Set.of());

                assertThat(actual.differenceFrom(expected)).as(table).isEmpty();
            }
        }
    }

    @Test
    void manifest_countsTheCellsWithheldByReason_asThePolicyRecomputedInPostgresqlSays() throws Exception {
        com.fasterxml.jackson.databind.JsonNode manifest;
        try (S3Client s3 = HARNESS.s3()) {
            manifest = new com.fasterxml.jackson.databind.ObjectMapper().readTree(s3.getObjectAsBytes(b -> b.bucket(HARNESS.stack.endpoints().bucket())
                    .key("it-values/2026/10/04/_manifest.json")).asUtf8String());
        }
        String window = "ts >= '" + FROM + "' AND ts < '" + TO + "'";
        String unknown = "(source IS NULL OR upper(btrim(source)) NOT IN ('FUSION', 'HERE', 'TOMTOM'))";
        // way_speed: its two mx columns, speed_kph and travel_time_s, withheld for de and unknown sources
        long speedsUnknown = 2 * count("pm_internal.way_speed WHERE " + window + " AND " + unknown);
        long speedsDe = 2 * count("pm_internal.way_speed WHERE " + window + " AND upper(btrim(source)) = 'HERE'");
        // metrics_long: the value of the mx metric occupancy, clear only from nr sources
        String occupancy = "pm_internal.metrics_long WHERE " + window + " AND upper(btrim(metric_name)) = 'OCCUPANCY' AND ";
        long metricsUnknown = count(occupancy + unknown);
        long metricsDe = count(occupancy + "upper(btrim(source)) = 'HERE'");
        long metricsRule = count(occupancy + "upper(btrim(source)) = 'TOMTOM'");

        assertThat(speedsUnknown).isPositive();
        assertThat(metricsUnknown + metricsDe + metricsRule).isPositive();
        assertThat(cells(manifest, "way_speed")).isEqualTo(List.of(speedsUnknown, speedsDe, 0L, 0L));
        assertThat(cells(manifest, "metrics_long")).isEqualTo(List.of(metricsUnknown, metricsDe, metricsRule, 0L));
        for (String table : List.of("cctv_event", "incident", "way", "classifications")) {
            assertThat(cells(manifest, table)).as(table).isEqualTo(List.of(0L, 0L, 0L, 0L));
        }
    }

    private static List<Long> cells(com.fasterxml.jackson.databind.JsonNode manifest, String table) {
        com.fasterxml.jackson.databind.JsonNode cells = manifest.get("tables").get(table).get("withheld_cells");
        assertThat(iterator(cells.fieldNames())).as(table).containsExactly("unknown_source", "de_source", "metric_rule", "over_limits");
        return List.of(cells.get("unknown_source").asLong(), cells.get("de_source").asLong(), cells.get("metric_rule").asLong(),
                cells.get("over_limits").asLong());
    }

    private static List<String> iterator(java.util.Iterator<String> names) {
        List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }

    private static long count(String from) throws Exception {
        return ((Number) HARNESS.query("SELECT count(*) FROM " + from).get(0).get(0)).longValue();
    }

    // The Iceberg data files carry the partition column after the table's own.
    private static Rows partition(Rows rows) {
        List<String> columns = new java.util.ArrayList<>(rows.columns());
        columns.add("export_date");
        return new Rows(columns, rows.lines().stream().map(line -> line + "|" + DAY).sorted().toList());
    }

    private static List<String> folders(ParquetReadback readback) {
        return readback.keys("it-values/2026/10/04/").stream().map(key -> key.substring("it-values/2026/10/04/".length()))
                .filter(name -> name.contains("/")).map(name -> name.substring(0, name.indexOf('/'))).distinct().sorted().toList();
    }
}
