package io.dataexporter.jobs.range;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexporter.common.config.StackProperties;
import io.dataexporter.jobs.TestSpark;
import io.dataexporter.jobs.export.ParquetReadback;
import io.dataexporter.jobs.export.PolicyExpectation;
import io.dataexporter.jobs.export.PolicyExpectation.Rows;
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
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The range export's written output, every column of every table, read back by DuckDB from the request's folders and
 * compared value by value with the policy recomputed in PostgreSQL from the source ({@link PolicyExpectation}).
 */
class RangeExportedValuesIT {

    private static final String PEPPER = "pepper-for-range-value-tests-01";
    private static final Instant START = Instant.parse("2026-10-03T16:30:00Z");
    private static final Instant END = Instant.parse("2026-10-04T16:30:00Z");
    private static final UUID ID = UUID.fromString("7d1e9a40-5b7c-4f2e-8a61-0c3b2d4e5f60");

    private static final UUID VIA_UNLOAD = UUID.fromString("0b7f5c1e-2d3a-4e9f-8c6b-5a4d3e2f1a09");
    private static Path directory;
    private static String output;

    @BeforeAll
    static void seedAndExport() throws Exception {
        LocalStack stack = TestStack.get();
        try (Connection connection = stack.openConnection()) {
            SyntheticWarehouse.seed(connection, new SeedOptions(3000, 3, SeedOptions.DEFAULT_AROUND, 23));
        }
        directory = Files.createTempDirectory(Path.of("target"), "range-values-");
        StackProperties.write(directory.resolve(StackProperties.FILE_NAME), stack.endpoints());
        Files.writeString(directory.resolve("hash-pepper"), PEPPER);
        output = run(directory, "--start", String.valueOf(START.getEpochSecond()), "--end", String.valueOf(END.getEpochSecond()),
                "--request-id", ID.toString(), "--env", "it-range-values");
    }

    @Test
    void run_writesEveryColumnOfEveryTableAsThePolicyComputedInPostgresqlSays() throws Exception {
        LocalStack stack = TestStack.get();
        assertThat(output).endsWith("Request " + ID + ": Completed\n");
        try (Connection connection = stack.openConnection(); S3Client s3 = TestS3.client(stack.endpoints())) {
            // the range export reads Spark conf as the scheduled export does, ahead of the stack's pepper file: this test JVM
            // passes a pepper as Spark conf (spark.dataexporter.hash.pepper), as spark-submit would
            PolicyExpectation.createFunctions(connection, System.getProperty("spark.dataexporter.hash.pepper", PEPPER));
            ParquetReadback readback = new ParquetReadback(s3, stack.endpoints().bucket());
            assertThat(readback.keys("it-range-values/data_exporter_service/").stream().map(key -> key.split("/")[2]).distinct().toList())
                    .isEqualTo(PolicyExpectation.TABLES);
            for (String table : PolicyExpectation.TABLES) {
                String folder = "it-range-values/data_exporter_service/" + table + "/20261003/20261003T163000Z_20261004T163000Z/" + ID + "/";
                Rows expected = PolicyExpectation.expected(connection, table, START, END);
                Rows actual = readback.read(folder, Set.of("manifest"));

                assertThat(actual.differenceFrom(expected)).as(table).isEmpty();
                assertThat(actual.lines()).as(table).hasSizeGreaterThanOrEqualTo(3);
                assertThat(readback.keys(folder)).as(table).contains(folder + "manifest", folder + table + "_000.parquet");
            }
        }
    }

    @Test
    void run_throughTheConnectorAndTheEmulatedRedshift_writesTheSameFilesRowsAsThroughJdbc_andLeavesNoUnloadFile() throws Exception {
        LocalStack stack = TestStack.get();
        String viaUnload = run(directory, "--start", String.valueOf(START.getEpochSecond()), "--end", String.valueOf(END.getEpochSecond()),
                "--request-id", VIA_UNLOAD.toString(), "--env", "it-range-values", "--warehouse", "redshift-emulated");

        assertThat(viaUnload).endsWith("Request " + VIA_UNLOAD + ": Completed\n");
        try (S3Client s3 = TestS3.client(stack.endpoints())) {
            ParquetReadback readback = new ParquetReadback(s3, stack.endpoints().bucket());
            for (String table : PolicyExpectation.TABLES) {
                String folder = "it-range-values/data_exporter_service/" + table + "/20261003/20261003T163000Z_20261004T163000Z/";
                Rows jdbc = readback.read(folder + ID + "/", Set.of("manifest"));
                Rows unload = readback.read(folder + VIA_UNLOAD + "/", Set.of("manifest"));

                assertThat(readback.schema(folder + VIA_UNLOAD + "/")).as(table).isEqualTo(readback.schema(folder + ID + "/"));
                assertThat(unload.differenceFrom(jdbc)).as(table).isEmpty();
                assertThat(unload.lines()).as(table).hasSizeGreaterThanOrEqualTo(3);
            }
            assertThat(readback.keys("redshift-unload/")).allMatch(key -> key.equals("redshift-unload/"));
            // both manifests count the same withheld cells: way_speed's mx columns of de and unknown sources
            String speeds = "it-range-values/data_exporter_service/way_speed/20261003/20261003T163000Z_20261004T163000Z/";
            com.fasterxml.jackson.databind.JsonNode jdbcCells = withheldCells(s3, stack, speeds + ID + "/manifest");
            assertThat(withheldCells(s3, stack, speeds + VIA_UNLOAD + "/manifest")).isEqualTo(jdbcCells);
            assertThat(jdbcCells.get("unknown_source").asLong()).isPositive();
            assertThat(jdbcCells.get("over_limits").asLong()).isZero();
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode withheldCells(S3Client s3, LocalStack stack, String key) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(s3.getObjectAsBytes(b -> b.bucket(stack.endpoints().bucket()).key(key))
                .asUtf8String()).get("policy").get("withheld_cells");
    }

    private static String run(Path directory, String... args) {
        RangeExport command = new RangeExport();
        command.session = TestSpark.get();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        command.out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--dir", directory.toString()));
        new CommandLine(command).execute(all.toArray(String[]::new));
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
