package io.dataexporter.jobs.range;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataexporter.common.config.StackProperties;
import io.dataexporter.jobs.TestSpark;
import io.dataexporter.localstack.LocalStack;
import io.dataexporter.localstack.TestS3;
import io.dataexporter.localstack.TestStack;
import io.dataexporter.localstack.seed.SeedOptions;
import io.dataexporter.localstack.seed.SyntheticWarehouse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** RangeExport in the test JVM: its folders, file names and manifests, and how it ends in request_table. */
class RangeExportIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long START = 1791061200;
    private static final long END = START + 3600;
    private static LocalStack stack;
    private static Path directory;

    @BeforeAll
    static void seed() throws Exception {
        stack = TestStack.get();
        try (Connection connection = stack.openConnection()) {
            SyntheticWarehouse.seed(connection, new SeedOptions(3000, 3, SeedOptions.DEFAULT_AROUND, 5));
        }
        directory = Files.createTempDirectory(Path.of("target"), "range-export-");
        StackProperties.write(directory.resolve(StackProperties.FILE_NAME), stack.endpoints());
    }

    @Test
    void run_writesNumberedFilesAndAnUnloadManifestPerTable_andCompletesTheRequest() throws Exception {
        UUID id = UUID.fromString("2a5c3b8e-4d3a-4a52-9a55-8f1f1c2d3e4f");
        String output = run("--start", String.valueOf(START), "--end", String.valueOf(END), "--request-id", id.toString(), "--env", "it-range-job");

        assertThat(output).endsWith("Request " + id + ": Completed\n");
        assertThat(single("SELECT status || ' ' || progress FROM de_internal.request_table WHERE de_request_id = '" + id + "'")).isEqualTo("Completed 100");
        try (S3Client s3 = s3()) {
            for (String table : List.of("cctv_event", "incident", "metrics_long", "way", "way_speed")) {
                String folder = "it-range-job/data_exporter_service/" + table + "/20261003/20261003T210000Z_20261003T220000Z/" + id + "/";
                List<String> keys = s3.listObjectsV2Paginator(b -> b.bucket("data-exporter").prefix(folder)).contents().stream().map(S3Object::key).sorted().toList();
                assertThat(keys).as(table).contains(folder + "manifest");
                List<String> files = keys.stream().filter(key -> !key.equals(folder + "manifest")).toList();
                assertThat(files).as(table).isNotEmpty().allMatch(key -> key.matches(java.util.regex.Pattern.quote(folder) + table + "_\\d{3}\\.parquet"));
                JsonNode manifest = JSON.readTree(s3.getObjectAsBytes(b -> b.bucket("data-exporter").key(folder + "manifest")).asUtf8String());
                List<String> urls = new ArrayList<>();
                long records = 0;
                for (JsonNode entry : manifest.get("entries")) {
                    urls.add(entry.get("url").asText());
                    records += entry.get("meta").get("record_count").asLong();
                }
                assertThat(urls).as(table).isEqualTo(files.stream().map(key -> "s3://data-exporter/" + key).toList());
                assertThat(manifest.get("meta").get("record_count").asLong()).as(table).isEqualTo(records).isEqualTo(expectedRows(table));
            }
            JsonNode wayspeed = JSON.readTree(s3.getObjectAsBytes(b -> b.bucket("data-exporter")
                    .key("it-range-job/data_exporter_service/way_speed/20261003/20261003T210000Z_20261003T220000Z/" + id + "/manifest")).asUtf8String());
            assertThat(wayspeed.get("schema").get("elements").get(0).toString()).isEqualTo("{\"name\":\"ts\",\"type\":{\"base\":\"timestamp with time zone\"}}");
        }
    }

    // the rows of [START, END) the policy lets out, counted in PostgreSQL
    private static long expectedRows(String table) throws Exception {
        String window = " >= to_timestamp(" + START + ") AND %s < to_timestamp(" + END + ")";
        return Long.parseLong(single(switch (table) {
            case "way" -> "SELECT count(*) FROM pm_internal.way";
            case "metrics_long" -> "SELECT count(*) FROM pm_internal.metrics_long WHERE upper(btrim(metric_name)) IN ('VOLUME', 'OCCUPANCY', 'TRAVEL_TIME')"
                    + " AND ts" + window.formatted("ts");
            case "cctv_event" -> "SELECT count(*) FROM pm_internal.cctv_event WHERE event_time" + window.formatted("event_time");
            case "incident" -> "SELECT count(*) FROM pm_internal.incident WHERE (reported_at AT TIME ZONE 'UTC')" + window.formatted("(reported_at AT TIME ZONE 'UTC')");
            default -> "SELECT count(*) FROM pm_internal." + table + " WHERE ts" + window.formatted("ts");
        }));
    }

    @Test
    void run_whenATableFails_endsTheRequestFailedWithTheTableAndTheCause() throws Exception {
        UUID id = UUID.fromString("3a5c3b8e-4d3a-4a52-9a55-8f1f1c2d3e4f");
        execute("CREATE VIEW pm_internal.broken_counts AS SELECT ts, 1 / (sample_count - sample_count) AS ratio FROM pm_internal.way_speed",
                "INSERT INTO de_config.export_tables VALUES ('broken_counts', true, 'ts', NULL, NULL, NULL)",
                "INSERT INTO de_config.data_column_classification VALUES ('broken_counts', 'ts', 'nr', NULL, NULL), ('broken_counts', 'ratio', 'nr', NULL, NULL)");
        try {
            String output = run("--start", String.valueOf(START), "--end", String.valueOf(END), "--request-id", id.toString(), "--env", "it-range-job");

            String consumers = single("SELECT status || ' | ' || error_message FROM de_internal.request_table WHERE de_request_id = '" + id + "'");
            assertThat(consumers).matches("Failed \\| Cannot export table broken_counts: SOURCE_UNAVAILABLE \\(reference [0-9a-f]{8};"
                    + " the operators have the details\\)");
            String reference = consumers.replaceAll(".*reference ([0-9a-f]{8}).*", "$1");
            assertThat(output).endsWith("Request " + id + ": Failed: [reference " + reference + "] Cannot export table broken_counts:"
                    + " ERROR: division by zero\n");
        } finally {
            execute("DELETE FROM de_config.data_column_classification WHERE table_name = 'broken_counts'",
                    "DELETE FROM de_config.export_tables WHERE table_name = 'broken_counts'", "DROP VIEW pm_internal.broken_counts");
        }
    }

    private static String run(String... args) {
        RangeExport command = new RangeExport();
        command.session = TestSpark.get();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        command.out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--dir", directory.toString()));
        new CommandLine(command).execute(all.toArray(String[]::new));
        return buffer.toString(StandardCharsets.UTF_8);
    }

    private static S3Client s3() {
        return TestS3.client(stack.endpoints());
    }

    private static String single(String sql) throws Exception {
        try (Connection connection = stack.openConnection(); Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }

    private static void execute(String... sql) throws Exception {
        try (Connection connection = stack.openConnection(); Statement statement = connection.createStatement()) {
            for (String s : sql) {
                statement.execute(s);
            }
        }
    }
}
