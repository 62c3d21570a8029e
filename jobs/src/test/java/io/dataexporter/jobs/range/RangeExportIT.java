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
        String folder = "it-range-job/data_exporter_service/way_speed/20261003/20261003T210000Z_20261003T220000Z/" + id + "/";
        try (S3Client s3 = s3()) {
            List<String> keys = s3.listObjectsV2Paginator(b -> b.bucket("data-exporter").prefix(folder)).contents().stream().map(S3Object::key).sorted().toList();
            assertThat(keys).first().isEqualTo(folder + "manifest");
            List<String> files = keys.subList(1, keys.size());
            assertThat(files).isNotEmpty().allMatch(key -> key.matches(java.util.regex.Pattern.quote(folder) + "way_speed_\\d{3}\\.parquet"));
            JsonNode manifest = JSON.readTree(s3.getObjectAsBytes(b -> b.bucket("data-exporter").key(folder + "manifest")).asUtf8String());
            List<String> urls = new ArrayList<>();
            manifest.get("entries").forEach(entry -> urls.add(entry.get("url").asText()));
            assertThat(urls).isEqualTo(files.stream().map(key -> "s3://data-exporter/" + key).toList());
            assertThat(manifest.get("meta").get("record_count").asLong())
                    .isEqualTo(Long.parseLong(single("SELECT count(*) FROM pm_internal.way_speed WHERE ts >= to_timestamp(" + START + ") AND ts < to_timestamp(" + END + ")")));
            assertThat(manifest.get("schema").get("elements").get(0).toString()).isEqualTo("{\"name\":\"ts\",\"type\":{\"base\":\"timestamp with time zone\"}}");
        }
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
