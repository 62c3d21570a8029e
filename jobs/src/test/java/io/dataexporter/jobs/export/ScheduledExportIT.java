package io.dataexporter.jobs.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataexporter.jobs.TestSpark;
import io.dataexporter.localstack.seed.SeedOptions;
import io.dataexporter.localstack.seed.SyntheticWarehouse;
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

    @Test
    void export_whenRerun_replacesThePartitionSoTheFolderHoldsExactlyTheManifestsFiles() throws Exception {
        HARNESS.run("--date", DAY.toString());
        JsonNode first = manifest();
        HARNESS.run("--date", DAY.toString(), "--max-concurrency", "2");

        assertThat(HARNESS.exitCode).as(HARNESS.output).isZero();
        JsonNode second = manifest();
        assertThat(second.get("status").asText()).isEqualTo("SUCCESS");
        assertThat(second.get("run_id").asText()).isNotEqualTo(first.get("run_id").asText());
        List<String> tables = new ArrayList<>();
        second.get("tables").fieldNames().forEachRemaining(tables::add);
        assertThat(tables).containsExactly("cctv_event", "incident", "metrics_long", "way", "way_speed", "classifications");
        for (String table : List.of("cctv_event", "incident", "metrics_long", "way", "way_speed")) {
            JsonNode entry = second.get("tables").get(table);
            assertThat(entry.get("rows").asLong()).as(table).isEqualTo(first.get("tables").get(table).get("rows").asLong());
            List<String> manifestKeys = new ArrayList<>();
            entry.get("files").forEach(file -> manifestKeys.add(file.get("path").asText().replace("s3a://data-exporter/", "")));
            assertThat(HARNESS.keys("it-scheduled/2026/10/04/" + table + "/")).as(table).isEqualTo(manifestKeys.stream().sorted().toList());
            long icebergRows = TestSpark.get().sql("SELECT count(*) FROM de.it_scheduled." + table + " WHERE export_date = DATE'" + DAY + "'").first().getLong(0);
            assertThat(icebergRows).as(table).isEqualTo(entry.get("rows").asLong());
        }
        assertThat(second.get("tables").get("way_speed").get("withheld_columns").toString()).isEqualTo("[]");
        assertThat(second.get("tables").get("cctv_event").get("withheld_columns").toString())
                .isEqualTo("[{\"column\":\"internal_ref\",\"reason\":\"no classification rule\"}]");
        assertThat(HARNESS.keys("it-scheduled/2026/10/04/classifications/")).hasSize(4).allMatch(key -> key.endsWith(".parquet"));
    }

    @Test
    void export_writesParquetThatAnIndependentReaderCounts_withInt64TimestampsAndNoSmallints() throws Exception {
        HARNESS.run("--date", DAY.toString(), "--tables", "way,way_speed");
        JsonNode manifest = manifest();
        Path folder = Files.createTempDirectory(Path.of("target"), "duckdb-");
        try (S3Client s3 = HARNESS.s3(); Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = duckdb.createStatement()) {
            for (String table : List.of("way", "way_speed")) {
                for (JsonNode file : manifest.get("tables").get(table).get("files")) {
                    String key = file.get("path").asText().replace("s3a://data-exporter/", "");
                    Path local = folder.resolve(Path.of(key).getFileName());
                    ResponseBytes<GetObjectResponse> bytes = s3.getObjectAsBytes(GetObjectRequest.builder().bucket("data-exporter").key(key).build());
                    Files.write(local, bytes.asByteArray());
                    assertThat(single(statement, "SELECT count(*) FROM read_parquet('" + local + "')")).as(key).isEqualTo(file.get("rows").asText());
                    assertThat(single(statement, "SELECT count(*) FROM parquet_schema('" + local + "') WHERE type = 'INT96'")).isEqualTo("0");
                    if (table.equals("way_speed")) {
                        assertThat(single(statement, "SELECT type || ' ' || logical_type FROM parquet_schema('" + local + "') WHERE name = 'ts'"))
                                .startsWith("INT64 TimestampType(isAdjustedToUTC=1, unit=TimeUnit(MILLIS=<null>, MICROS=MicroSeconds(), NANOS=<null>)");
                    } else {
                        assertThat(single(statement, "SELECT type FROM parquet_schema('" + local + "') WHERE name = 'speed_limit'")).isEqualTo("INT32");
                    }
                }
            }
        }
    }

    @Test
    void export_whenATableFailsEveryAttempt_marksItFailedAndNotifiesPartialSuccess() throws Exception {
        LocalDate day = LocalDate.of(2026, 10, 5);
        HARNESS.execute("CREATE VIEW pm_internal.flaky_counts AS SELECT ts, way_id, 1 / (sample_count - sample_count) AS ratio FROM pm_internal.way_speed",
                "INSERT INTO de_config.export_tables VALUES ('flaky_counts', true, 'ts', NULL, NULL, NULL)",
                "INSERT INTO de_config.data_column_classification VALUES ('flaky_counts', 'ts', 'nr', NULL, NULL),"
                        + " ('flaky_counts', 'way_id', 'nr', NULL, NULL), ('flaky_counts', 'ratio', 'nr', NULL, NULL)");
        try (WebhookReceiver webhook = new WebhookReceiver()) {
            HARNESS.set(io.dataexporter.jobs.config.Settings.NOTIFIER, "webhook").set(io.dataexporter.jobs.config.Settings.WEBHOOK_URL, webhook.url());
            HARNESS.run("--date", day.toString(), "--tables", "way_speed,flaky_counts", "--max-retries", "2");

            assertThat(HARNESS.exitCode).as(HARNESS.output).isEqualTo(5);
            JsonNode notification = JSON.readTree(webhook.bodies().get(0));
            assertThat(webhook.bodies()).hasSize(1);
            assertThat(notification.get("status").asText()).isEqualTo("PARTIAL-SUCCESS");
            assertThat(notification.get("date").asText()).isEqualTo("2026-10-05");
            assertThat(notification.get("subject").asText()).isEqualTo("Data Exporter it-scheduled 2026-10-05: PARTIAL-SUCCESS (2 of 3 tables completed)");
            assertThat(webhook.subjects()).containsExactly("Data Exporter it-scheduled 2026-10-05: PARTIAL-SUCCESS (2 of 3 tables completed)");
            Map<String, JsonNode> byTable = new TreeMap<>();
            notification.get("tables").forEach(table -> byTable.put(table.get("table").asText(), table));
            assertThat(byTable.get("flaky_counts").get("status").asText()).isEqualTo("FAILED");
            assertThat(byTable.get("flaky_counts").get("attempts").asInt()).isEqualTo(2);
            assertThat(byTable.get("flaky_counts").get("error_code").asText()).isEqualTo("SOURCE_UNAVAILABLE");
            String error = byTable.get("flaky_counts").get("error").asText();
            assertThat(error).matches("Cannot export table flaky_counts: SOURCE_UNAVAILABLE \\(reference [0-9a-f]{8}; the operators have the details\\)");
            String reference = error.replaceAll(".*reference ([0-9a-f]{8}).*", "$1");
            assertThat(HARNESS.query("SELECT error_message FROM de_internal.table_export_job_statuses WHERE export_date = DATE '2026-10-05'"
                    + " AND table_name = 'flaky_counts' AND attempt = 2").toString())
                    .isEqualTo("[[[reference " + reference + "] Cannot export table flaky_counts: ERROR: division by zero]]");
            assertThat(byTable.get("way_speed").get("status").asText()).isEqualTo("COMPLETED");
            assertThat(byTable.get("way_speed").get("attempts").asInt()).isEqualTo(1);
            assertThat(HARNESS.query("SELECT table_name, attempt, status, error_code FROM de_internal.table_export_job_statuses"
                    + " WHERE export_date = DATE '2026-10-05' ORDER BY table_name, attempt").toString())
                    .isEqualTo("[[classifications, 1, COMPLETED, null], [flaky_counts, 1, FAILED, SOURCE_UNAVAILABLE],"
                            + " [flaky_counts, 2, FAILED, SOURCE_UNAVAILABLE], [way_speed, 1, COMPLETED, null]]");
        } finally {
            HARNESS.set(io.dataexporter.jobs.config.Settings.NOTIFIER, "log");
            HARNESS.execute("DELETE FROM de_config.data_column_classification WHERE table_name = 'flaky_counts'",
                    "DELETE FROM de_config.export_tables WHERE table_name = 'flaky_counts'", "DROP VIEW pm_internal.flaky_counts");
        }
    }

    @Test
    void export_ofATableNameThatIsAPath_failsThatTableBeforeAnyCall_andTouchesNoOtherFolder() throws Exception {
        String name = "../../it-scheduled-sentinel";
        try (var s3 = HARNESS.s3()) {
            s3.putObject(put -> put.bucket(HARNESS.stack.endpoints().bucket()).key("it-scheduled-sentinel/keep.txt"),
                    software.amazon.awssdk.core.sync.RequestBody.fromString("keep"));
        }
        HARNESS.execute("INSERT INTO de_config.export_tables VALUES ('" + name + "', true, 'ts', NULL, NULL, NULL)");
        try {
            HARNESS.run("--date", "2026-10-06", "--tables", "way_speed," + name, "--max-retries", "2");

            assertThat(HARNESS.exitCode).as(HARNESS.output).isEqualTo(5);
            assertThat(HARNESS.query("SELECT table_name, attempt, status, error_code, error_message FROM de_internal.table_export_job_statuses"
                    + " WHERE export_date = DATE '2026-10-06' AND table_name <> 'classifications' ORDER BY table_name, attempt").toString())
                    .matches(java.util.regex.Pattern.quote("[[" + name + ", 1, FAILED, POLICY_INVALID, [reference ") + "[0-9a-f]{8}"
                            + java.util.regex.Pattern.quote("] Cannot export table pm_internal." + name + ": export_tables names table '"
                            + name + "', which is not a valid identifier (letters, digits and _, starting with a letter or _, at most 127); correct or"
                            + " delete that export_tables row], [way_speed, 1, COMPLETED, null, null]]"));
            assertThat(HARNESS.keys("it-scheduled-sentinel/")).containsExactly("it-scheduled-sentinel/keep.txt");
        } finally {
            HARNESS.execute("DELETE FROM de_config.export_tables WHERE table_name = '" + name + "'");
        }
    }

    @Test
    void export_onTheDayDaylightSavingStarts_exports23HoursOfRows() throws Exception {
        HARNESS.run("--date", DAY.toString(), "--tables", "way_speed");

        assertThat(TestSpark.get().sql("SELECT count(DISTINCT date_trunc('HOUR', ts)), min(ts), max(ts) FROM de.it_scheduled.way_speed"
                + " WHERE export_date = DATE'" + DAY + "'").first().toString())
                .isEqualTo("[23," + HARNESS.query("SELECT to_char(min(ts) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.0'),"
                        + " to_char(max(ts) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.0') FROM pm_internal.way_speed"
                        + " WHERE ts >= '2026-10-03 14:00:00+00' AND ts < '2026-10-04 13:00:00+00'").get(0).stream().map(String::valueOf)
                        .reduce((a, b) -> a + "," + b).orElseThrow() + "]");
        assertThat(HARNESS.query("SELECT min(ts) < '2026-10-03 14:05:00+00', max(ts) >= '2026-10-04 12:55:00+00' FROM pm_internal.way_speed"
                + " WHERE ts >= '2026-10-03 14:00:00+00' AND ts < '2026-10-04 13:00:00+00'").toString()).isEqualTo("[[true, true]]");
    }

    @Test
    void export_whenDryRun_printsThePlansAndWritesNothing() throws Exception {
        ExportHarness dry = new ExportHarness("it-dry-run");
        dry.run("--date", "2026-10-03", "--dry-run");

        assertThat(dry.exitCode).as(dry.output).isZero();
        assertThat(dry.output).contains("Dry run for 2026-10-03 Australia/Melbourne = [2026-10-02T14:00:00Z, 2026-10-03T14:00:00Z)")
                .contains("FROM \"pm_internal\".\"way_speed\" WHERE \"ts\" >= '2026-10-02 14:00:00+00' AND \"ts\" < '2026-10-03 14:00:00+00'");
        assertThat(dry.keys("it-dry-run/")).isEmpty();
        assertThat(dry.query("SELECT count(*) FROM de_internal.table_export_job_statuses WHERE export_date = DATE '2026-10-03'").toString()).isEqualTo("[[0]]");
    }

    private static JsonNode manifest() throws Exception {
        try (S3Client s3 = HARNESS.s3()) {
            return JSON.readTree(s3.getObjectAsBytes(GetObjectRequest.builder().bucket("data-exporter").key("it-scheduled/2026/10/04/_manifest.json").build()).asUtf8String());
        }
    }

    private static String single(Statement statement, String sql) throws Exception {
        try (ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
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
