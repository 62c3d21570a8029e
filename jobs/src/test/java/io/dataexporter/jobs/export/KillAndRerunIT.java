package io.dataexporter.jobs.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataexporter.common.config.StackProperties;
import io.dataexporter.jobs.TestSpark;
import io.dataexporter.jobs.export.PolicyExpectation.Rows;
import io.dataexporter.localstack.seed.SeedOptions;
import io.dataexporter.localstack.seed.SyntheticWarehouse;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

/** kill -9 in the middle of a run, then a rerun: the statuses are repaired and the data is complete. */
class KillAndRerunIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void export_whenKilledMidRun_theNextRunClosesAbandonedStatusesAndCompletesEveryTable() throws Exception {
        ExportHarness harness = new ExportHarness("it-kill");
        try (Connection connection = harness.stack.openConnection()) {
            SyntheticWarehouse.seed(connection, new SeedOptions(20_000, 3, SeedOptions.DEFAULT_AROUND, 7));
        }
        Process child = startExportProcess(harness);
        try {
            awaitInProgressRow(harness, child);
        } finally {
            child.destroyForcibly().waitFor();
        }
        assertThat(harness.query("SELECT count(*) > 0 FROM de_internal.table_export_job_statuses WHERE export_date = DATE '2026-10-04'"
                + " AND status = 'IN-PROGRESS'").toString()).isEqualTo("[[true]]");

        harness.run("--date", "2026-10-04");

        assertThat(harness.exitCode).as(harness.output).isZero();
        assertThat(harness.output).containsPattern("Closed \\d+ IN-PROGRESS status rows left by a stopped run as FAILED \\(ABANDONED\\)");
        assertThat(harness.query("SELECT count(*) FROM de_internal.table_export_job_statuses WHERE status = 'IN-PROGRESS'").toString()).isEqualTo("[[0]]");
        assertThat(harness.query("SELECT DISTINCT error_code FROM de_internal.table_export_job_statuses WHERE export_date = DATE '2026-10-04'"
                + " AND status = 'FAILED'").toString()).isEqualTo("[[ABANDONED]]");
        JsonNode manifest;
        try (S3Client s3 = harness.s3()) {
            manifest = JSON.readTree(s3.getObjectAsBytes(GetObjectRequest.builder().bucket("data-exporter").key("it-kill/2026/10/04/_manifest.json").build()).asUtf8String());
        }
        try (Connection connection = harness.stack.openConnection(); S3Client s3 = harness.s3()) {
            PolicyExpectation.createFunctions(connection, ExportHarness.effectivePepper());
            ParquetReadback readback = new ParquetReadback(s3, harness.stack.endpoints().bucket());
            for (String table : PolicyExpectation.TABLES) {
                List<String> manifestKeys = new ArrayList<>();
                manifest.get("tables").get(table).get("files").forEach(file -> manifestKeys.add(file.get("path").asText().replace("s3a://data-exporter/", "")));
                assertThat(harness.keys("it-kill/2026/10/04/" + table + "/")).as(table).isEqualTo(manifestKeys.stream().sorted().toList());
                // what the folder holds after the kill and the rerun, against the policy recomputed in PostgreSQL: no row twice, none lost
                Rows expected = PolicyExpectation.expected(connection, table, Instant.parse("2026-10-03T14:00:00Z"), Instant.parse("2026-10-04T13:00:00Z"));
                Rows written = readback.read("it-kill/2026/10/04/" + table + "/", java.util.Set.of());
                List<String> withoutPartition = written.lines().stream().map(line -> line.substring(0, line.lastIndexOf('|'))).sorted().toList();
                assertThat(new Rows(expected.columns(), withoutPartition).differenceFrom(expected)).as(table).isEmpty();
                long icebergRows = TestSpark.get().sql("SELECT count(*) FROM de.it_kill." + table + " WHERE export_date = DATE'2026-10-04'").first().getLong(0);
                assertThat(icebergRows).as(table).isEqualTo(expected.lines().size());
                assertThat(manifest.get("tables").get(table).get("rows").asLong()).as(table).isEqualTo(expected.lines().size());
            }
        }
    }

    // The same job class in its own JVM, as the EMR step runs it, against the same stack.
    private static Process startExportProcess(ExportHarness harness) throws Exception {
        Path directory = Files.createTempDirectory(Path.of("target"), "kill-stack-");
        StackProperties.write(directory.resolve(StackProperties.FILE_NAME), harness.stack.endpoints());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(arg -> arg.startsWith("--add-opens") || arg.startsWith("-D")
                || arg.startsWith("-XX")).toList());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ScheduledExport.class.getName(), "--date", "2026-10-04",
                "--env", "it-kill", "--dir", directory.toString(), "--max-concurrency", "1"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(directory.resolve("export.log").toFile());
        builder.environment().putAll(harness.environment);
        builder.environment().remove("DATA_EXPORTER_EXPORT_ENV");
        return builder.start();
    }

    private static void awaitInProgressRow(ExportHarness harness, Process child) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline) && child.isAlive()) {
            List<List<Object>> rows = harness.query("SELECT count(*) FROM de_internal.table_export_job_statuses WHERE export_date = DATE '2026-10-04'"
                    + " AND status = 'COMPLETED' AND run_id LIKE 'scheduled-%'");
            List<List<Object>> running = harness.query("SELECT count(*) FROM de_internal.table_export_job_statuses WHERE status = 'IN-PROGRESS'");
            if ((Long) rows.get(0).get(0) >= 1 && (Long) running.get(0).get(0) >= 1) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("The export process never had a table in progress after completing one; alive=" + child.isAlive());
    }
}
