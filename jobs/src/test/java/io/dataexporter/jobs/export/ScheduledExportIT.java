package io.dataexporter.jobs.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataexporter.common.seed.SeedOptions;
import io.dataexporter.common.seed.SyntheticWarehouse;
import io.dataexporter.jobs.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** The scheduled export end to end on the local stack: PostgreSQL, the S3 server, the Iceberg JDBC catalog. */
class ScheduledExportIT {

    private static final ExportHarness HARNESS = new ExportHarness("it-scheduled");
    private static final LocalDate DAY = LocalDate.of(2026, 10, 4);
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void seed() throws Exception {
        try (Connection connection = HARNESS.stack.openConnection()) {
            SyntheticWarehouse.seed(connection, new SeedOptions(4000, 3, SeedOptions.DEFAULT_AROUND, 42));
        }
    }

    @Test
    void export_whenRunForADay_writesThePolicysRowsOfTheWindowForEveryTable() throws Exception {
        HARNESS.run("--date", DAY.toString());

        assertThat(HARNESS.exitCode).as(HARNESS.output).isZero();
        for (Map.Entry<String, String> table : expectations().entrySet()) {
            String outputColumns = table.getValue().substring("SELECT ".length(), table.getValue().indexOf(" FROM ")).replaceAll("\\s+AS\\s+", " AS ");
            List<String> expected = canonical(HARNESS.query(table.getValue()));
            List<String> actual = canonical(TestSpark.get().sql("SELECT " + sparkColumns(table.getValue()) + " FROM de.it_scheduled." + table.getKey()
                    + " WHERE export_date = DATE'" + DAY + "'").collectAsList());
            assertThat(actual).as(table.getKey() + " (" + outputColumns + ")").hasSize(expected.size()).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    // The expectation per table, written independently of the planner: the window, the metric filter and the treatments in SQL.
    private static Map<String, String> expectations() {
        String window = " >= '2026-10-03 14:00:00+00' AND %s < '2026-10-04 13:00:00+00'"; // 23 hours: DST starts
        Map<String, String> sql = new TreeMap<>();
        sql.put("way_speed", "SELECT ts, way_id,"
                + " CASE upper(btrim(source)) WHEN 'FUSION' THEN speed_kph WHEN 'TOMTOM' THEN round(speed_kph::numeric)::float8 END AS speed_kph,"
                + " CASE upper(btrim(source)) WHEN 'FUSION' THEN travel_time_s END AS travel_time_s, sample_count, source"
                + " FROM pm_internal.way_speed WHERE ts" + window.formatted("ts"));
        sql.put("metrics_long", "SELECT ts, entity_id, metric_name,"
                + " CASE upper(btrim(metric_name)) WHEN 'VOLUME' THEN value WHEN 'TRAVEL_TIME' THEN round(value::numeric, 1)::float8"
                + "   WHEN 'OCCUPANCY' THEN CASE WHEN upper(btrim(source)) = 'FUSION' THEN value END END AS value, source"
                + " FROM pm_internal.metrics_long WHERE upper(btrim(metric_name)) IN ('VOLUME', 'OCCUPANCY', 'TRAVEL_TIME') AND ts" + window.formatted("ts"));
        sql.put("cctv_event", "SELECT date_trunc('hour', event_time) AS event_time, camera_id, vehicle_class,"
                + " round(lat::numeric, 3)::float8 AS lat, round(lon::numeric, 3)::float8 AS lon"
                + " FROM pm_internal.cctv_event WHERE event_time" + window.formatted("event_time"));
        sql.put("incident", "SELECT incident_id, reported_at, severity, round(lat::numeric, 2)::float8 AS lat"
                + " FROM pm_internal.incident WHERE reported_at" + window.formatted("reported_at"));
        sql.put("way", "SELECT way_id, name, ar_f_path, round(length_m::numeric)::float8 AS length_m, speed_limit::int AS speed_limit,"
                + " make_date(extract(year FROM built_on)::int, 1, 1) AS built_on FROM pm_internal.way");
        return sql;
    }

    // The output column names of an expectation, for the Spark side.
    private static String sparkColumns(String sql) {
        String select = sql.substring("SELECT ".length(), sql.indexOf(" FROM pm_internal"));
        List<String> names = new ArrayList<>();
        int depth = 0;
        StringBuilder current = new StringBuilder();
        for (char c : select.toCharArray()) {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (c == ',' && depth == 0) {
                names.add(lastWord(current.toString()));
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        names.add(lastWord(current.toString()));
        return String.join(", ", names);
    }

    private static String lastWord(String item) {
        String[] words = item.trim().split("\\s+");
        return words[words.length - 1];
    }

    static List<String> canonical(List<?> rows) {
        List<String> lines = new ArrayList<>();
        for (Object row : rows) {
            List<Object> values = new ArrayList<>();
            if (row instanceof Row sparkRow) {
                for (int i = 0; i < sparkRow.size(); i++) {
                    values.add(sparkRow.get(i));
                }
            } else {
                values.addAll((List<?>) row);
            }
            lines.add(String.join("|", values.stream().map(ScheduledExportIT::text).toList()));
        }
        return lines;
    }

    private static String text(Object value) {
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant().toString();
        }
        if (value instanceof java.time.OffsetDateTime time) {
            return time.toInstant().toString();
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate().toString();
        }
        if (value instanceof Number number && !(value instanceof Double)) {
            return String.valueOf(number.longValue());
        }
        return String.valueOf(value);
    }
}
