package io.dataexporter.localstack.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.dataexporter.localstack.TestStack;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class SyntheticWarehouseIT {

    private static final SeedOptions OCTOBER = new SeedOptions(2000, 3, SeedOptions.DEFAULT_AROUND, 42);

    @Test
    void seed_returnsExactRowCountsPerTable() throws Exception {
        try (Connection connection = TestStack.get().openConnection()) {
            Map<String, Long> counts = SyntheticWarehouse.seed(connection, OCTOBER);

            assertThat(counts).containsExactly(
                    entry("cctv_event", 200L), entry("incident", 20L), entry("metrics_long", 2000L),
                    entry("way", 20L), entry("way_speed", 2000L));
            assertThat(counts).isEqualTo(SyntheticWarehouse.rowCounts(connection));
        }
    }

    @Test
    void seed_givesExactCountsPerSourceVariant() throws Exception {
        try (Connection connection = TestStack.get().openConnection()) {
            SyntheticWarehouse.seed(connection, OCTOBER);

            Map<String, Long> expected = new LinkedHashMap<>();
            expected.put("<null>", 100L);
            expected.put(" HERE ", 100L);
            expected.put(" TOMTOM ", 100L);
            expected.put(" fusion", 100L);
            expected.put("FUSION", 900L);
            expected.put("HERE", 300L);
            expected.put("TOMTOM", 200L);
            expected.put("WAZE", 100L);
            expected.put("here", 100L);
            assertThat(groupCounts(connection, "SELECT coalesce(source, '<null>'), count(*) FROM pm_internal.way_speed GROUP BY 1 ORDER BY 1"))
                    .isEqualTo(expected);
            assertThat(groupCounts(connection, "SELECT metric_name, count(*) FROM pm_internal.metrics_long GROUP BY 1 ORDER BY metric_name COLLATE \"C\""))
                    .containsExactly(entry(" VOLUME ", 200L), entry("Raw_Probe_Count ", 200L), entry("legacy_score", 200L),
                            entry("occupancy", 400L), entry("raw_probe_count", 200L), entry("travel_time", 400L), entry("volume", 400L));
        }
    }

    @Test
    void seed_coversEveryHourOfEachMelbourneDayIncludingThe23HourChangeDay() throws Exception {
        try (Connection connection = TestStack.get().openConnection()) {
            SyntheticWarehouse.seed(connection, OCTOBER);

            assertThat(hoursPerMelbourneDay(connection)).containsExactly(
                    entry("2026-10-03", 24L), entry("2026-10-04", 23L), entry("2026-10-05", 24L));
        }
    }

    @Test
    void seed_aroundApril_coversThe25HourChangeDay() throws Exception {
        try (Connection connection = TestStack.get().openConnection()) {
            SyntheticWarehouse.seed(connection, new SeedOptions(2000, 1, LocalDate.of(2026, 4, 5), 42));

            assertThat(hoursPerMelbourneDay(connection)).containsExactly(entry("2026-04-05", 25L));
        }
    }

    @Test
    void seed_compressedGeometryDecodesToItsUncompressedTwin() throws Exception {
        try (Connection connection = TestStack.get().openConnection(); Statement statement = connection.createStatement()) {
            SyntheticWarehouse.seed(connection, OCTOBER);

            int checked = 0;
            try (ResultSet ways = statement.executeQuery("SELECT way_id, geoj_way_feature_compressed FROM pm_internal.way")) {
                while (ways.next()) {
                    assertThat(gunzipBase64(ways.getString(2))).startsWith("{\"type\":\"Feature\",\"properties\":{\"way_id\":" + ways.getLong(1) + "},"
                            + "\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[").endsWith("]]}}");
                    checked++;
                }
            }
            assertThat(checked).isEqualTo(20);
            assertThat(columnsOf(statement, "way")).doesNotContain("geoj_way_feature").contains("geoj_way_feature_compressed");
        }
    }

    private static java.util.List<String> columnsOf(Statement statement, String table) throws Exception {
        java.util.List<String> columns = new java.util.ArrayList<>();
        try (ResultSet rows = statement.executeQuery("SELECT column_name FROM information_schema.columns WHERE table_schema = 'pm_internal'"
                + " AND table_name = '" + table + "' ORDER BY ordinal_position")) {
            while (rows.next()) {
                columns.add(rows.getString(1));
            }
        }
        return columns;
    }

    @Test
    void seed_sameSeedGivesSameData_otherSeedGivesOther() throws Exception {
        try (Connection connection = TestStack.get().openConnection()) {
            SyntheticWarehouse.seed(connection, OCTOBER);
            String first = fingerprint(connection);
            SyntheticWarehouse.seed(connection, OCTOBER);
            String again = fingerprint(connection);
            SyntheticWarehouse.seed(connection, new SeedOptions(2000, 3, SeedOptions.DEFAULT_AROUND, 43));
            String other = fingerprint(connection);

            assertThat(again).isEqualTo(first);
            assertThat(other).isNotEqualTo(first);
        }
    }

    @Test
    void seed_createsPolicyAndEmptyControlTables() throws Exception {
        try (Connection connection = TestStack.get().openConnection()) {
            SyntheticWarehouse.seed(connection, OCTOBER);

            assertThat(groupCounts(connection, "SELECT classification, count(*) FROM de_config.data_column_classification GROUP BY 1 ORDER BY 1"))
                    .containsExactly(entry("de", 1L), entry("hwc", 13L), entry("mx", 2L), entry("nr", 22L));
            assertThat(groupCounts(connection, "SELECT coalesce(treatment, '-'), count(*) FROM de_config.data_column_classification GROUP BY 1 ORDER BY 1"))
                    .containsOnlyKeys("-", "EXPAND_GZIP", "HASH", "NULLIFY", "REDACT", "ROUND(0)", "ROUND(1)", "ROUND(2)", "ROUND(3)",
                            "SHOW_FIRST_4", "SHOW_LAST_4", "TRUNCATE(day)", "TRUNCATE(hour)", "YEAR_ONLY");
            assertThat(groupCounts(connection, "SELECT 'requests', count(*) FROM de_internal.request_table"
                    + " UNION ALL SELECT 'statuses', count(*) FROM de_internal.table_export_job_statuses"))
                    .containsExactly(entry("requests", 0L), entry("statuses", 0L));
        }
    }

    private static Map<String, Long> hoursPerMelbourneDay(Connection connection) throws SQLException {
        return groupCounts(connection, "SELECT (ts AT TIME ZONE 'Australia/Melbourne')::date::text,"
                + " count(DISTINCT date_trunc('hour', ts AT TIME ZONE 'UTC')) FROM pm_internal.way_speed GROUP BY 1 ORDER BY 1");
    }

    private static String fingerprint(Connection connection) throws SQLException {
        String sql = "SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM ("
                + " SELECT ws::text AS t FROM pm_internal.way_speed ws UNION ALL SELECT c::text FROM pm_internal.cctv_event c"
                + " UNION ALL SELECT w::text FROM pm_internal.way w) AS everything";
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }

    private static Map<String, Long> groupCounts(Connection connection, String sql) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getLong(2));
            }
        }
        return counts;
    }

    private static String gunzipBase64(String encoded) throws Exception {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(encoded)))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
