package io.dataexporter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexporter.common.config.StackProperties;
import io.dataexporter.jobs.TestSpark;
import io.dataexporter.localstack.TestStack;
import io.dataexporter.localstack.seed.SyntheticWarehouse;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The operator's subcommands as a person types them: seed, plan, status, and stack in a JVM of its own. */
class OperatorCommandsIT {

    private static String dir;

    @BeforeAll
    static void stackDirectory() throws Exception {
        TestSpark.get();
        Path directory = Files.createTempDirectory(Path.of("target"), "operator-stack-");
        StackProperties.write(directory.resolve(StackProperties.FILE_NAME), TestStack.get().endpoints());
        dir = directory.toString();
    }

    @Test
    void seed_createsTheSyntheticWarehouse_andPrintsEveryTablesRowCount() throws Exception {
        Result result = run("seed", "--dir", dir, "--rows", "2000", "--days", "3", "--seed", "5");

        assertThat(result.exitCode).as(result.out).isZero();
        Map<String, Long> counts;
        try (Connection connection = TestStack.get().openConnection()) {
            counts = SyntheticWarehouse.rowCounts(connection);
        }
        assertThat(counts).containsEntry("way_speed", 2000L).containsEntry("metrics_long", 2000L).containsEntry("cctv_event", 200L);
        StringBuilder table = new StringBuilder(String.format("%-28s %12s%n", "table", "rows"));
        counts.forEach((name, rows) -> table.append(String.format("%-28s %,12d%n", "pm_internal." + name, rows)));
        assertThat(result.out).startsWith("Seeding 2000 rows over 2026-10-03 .. 2026-10-05 (Australia/Melbourne), seed 5 ...\nSeeded in ")
                .endsWith(table.toString());
    }

    @Test
    void migrate_afterASeed_findsTheControlTablesUpToDate() throws Exception {
        run("seed", "--dir", dir, "--rows", "2000", "--days", "3", "--seed", "5");

        Result result = run("migrate", "--dir", dir);

        assertThat(result.exitCode).as(result.out + result.err).isZero();
        assertThat(result.out).matches("Control database 'postgres' on localhost:\\d+: 0 migration\\(s\\) applied, schema de_internal at version 2\n");
    }

    @Test
    void plan_printsEachColumnsFateAndTheWarehouseSql_andNamesAnUnknownTable() throws Exception {
        run("seed", "--dir", dir, "--rows", "2000", "--days", "3", "--seed", "5");

        Result result = run("plan", "--dir", dir, "--table", "cctv_event", "--date", "2026-10-04");

        assertThat(result.exitCode).as(result.out).isZero();
        assertThat(result.out).startsWith("Policy version ").contains("; window 2026-10-04 Australia/Melbourne = [2026-10-03T14:00:00Z, 2026-10-04T13:00:00Z)\n")
                .contains("internal_ref").contains("no classification rule")
                .contains("FROM \"pm_internal\".\"cctv_event\" WHERE \"event_time\" >= '2026-10-03 14:00:00+00' AND \"event_time\" < '2026-10-04 13:00:00+00'");
        Result scanned = run("plan", "--dir", dir, "--table", "cctv_event", "--date", "2026-10-04", "--scan");
        assertThat(scanned.exitCode).as(scanned.out).isZero();
        assertThat(scanned.out).contains("  scan      1 finding(s):\n  column_without_rule: column internal_ref has no rule in data_column_classification:"
                + " it is withheld until one names it\n    fix: INSERT INTO de_config.data_column_classification (table_name, column_name, classification,"
                + " treatment, pii_type) VALUES ('cctv_event', 'internal_ref', '<nr|mx|hwc|de>', NULL, NULL);\n");
        Result unknown = run("plan", "--dir", dir, "--table", "no_such_table");
        assertThat(unknown.exitCode).isEqualTo(2);
        assertThat(unknown.err).isEqualTo("data-exporter: --table no_such_table is not in export_tables; known tables: cctv_event, incident, metrics_long,"
                + " way, way_archive, way_speed\n");
    }

    @Test
    void status_listsTheAttemptsOfADate_andSaysWhenARequestIsUnknown() throws Exception {
        run("seed", "--dir", dir, "--rows", "2000", "--days", "3", "--seed", "5");
        assertThat(run("export", "--dir", dir, "--date", "2026-10-04", "--tables", "way_speed", "--env", "it-status").exitCode).isZero();

        Result result = run("status", "--dir", dir, "--date", "2026-10-04");

        assertThat(result.exitCode).as(result.out).isZero();
        List<String> lines = result.out.lines().toList();
        assertThat(lines.get(0)).isEqualTo(String.format("%-44s %-18s %7s %-11s %10s %6s %12s %9s  %s", "run", "table", "attempt", "status", "rows", "files",
                "bytes", "ms", "error"));
        long rows = count("SELECT count(*) FROM pm_internal.way_speed WHERE ts >= '2026-10-03 14:00:00+00' AND ts < '2026-10-04 13:00:00+00'");
        assertThat(lines.subList(1, lines.size())).anySatisfy(line -> assertThat(line).matches("scheduled-\\S+ +way_speed +1 COMPLETED +" + rows + " .*"));
        Result report = run("status", "--dir", dir, "--date", "2026-10-04", "--policy", "--env", "it-status");
        long waze = count("SELECT count(*) FROM pm_internal.way_speed WHERE ts >= '2026-10-03 14:00:00+00' AND ts < '2026-10-04 13:00:00+00'"
                + " AND upper(btrim(source)) = 'WAZE'");
        long unknown = count("SELECT count(*) FROM pm_internal.way_speed WHERE ts >= '2026-10-03 14:00:00+00' AND ts < '2026-10-04 13:00:00+00'"
                + " AND (source IS NULL OR upper(btrim(source)) NOT IN ('FUSION', 'HERE', 'TOMTOM'))");
        long de = count("SELECT count(*) FROM pm_internal.way_speed WHERE ts >= '2026-10-03 14:00:00+00' AND ts < '2026-10-04 13:00:00+00'"
                + " AND upper(btrim(source)) = 'HERE'");
        assertThat(report.exitCode).as(report.out + report.err).isZero();
        assertThat(report.out).startsWith("2026-10-04 SUCCESS, policy report: 2 finding(s), 2 new (no previous run): attention\n")
                .contains("way_speed: withheld cells unknown_source " + 2 * unknown + ", de_source " + 2 * de + ", metric_rule 0, over_limits 0\n")
                .contains("  new: unknown_source: " + waze + " row(s) in the window have source 'WAZE', which no rule names: its mx cells are withheld\n"
                        + "    fix: INSERT INTO de_config.actual_data_classifications (source, classification) VALUES ('WAZE', '<nr|mx|hwc|de>');\n")
                .contains("classifications: withheld cells unknown_source 0, de_source 0, metric_rule 0, over_limits 0\n");
        Result missing = run("status", "--dir", dir, "--date", "2026-10-01", "--policy", "--env", "it-status");
        assertThat(missing.exitCode).isEqualTo(1);
        assertThat(missing.out).startsWith("No manifest at s3a://").endsWith("/it-status/2026/10/01/_manifest.json: the day has not been exported in"
                + " environment it-status (give --env)\n");
        Result request = run("status", "--dir", dir, "--request-id", "0b5c3b8e-4d3a-4a52-9a55-8f1f1c2d3e4f");
        assertThat(request.out).isEqualTo("0b5c3b8e-4d3a-4a52-9a55-8f1f1c2d3e4f  Request has not been requested\n");
    }

    @Test
    void bench_onATinyTable_printsEveryMeasurementAndTheSummaryLine_andTakesItsTableOutOfTheExportAgain() throws Exception {
        Result result = run("bench", "--dir", dir, "--rows", "1000", "--repeat", "1", "--treatments", "scrubbing,all", "--profile");

        assertThat(result.exitCode).as(result.out + result.err).isZero();
        assertThat(result.out).contains("Generating 1,000 rows of pm_internal.bench_wide ...", "(a) raw COPY extraction", "(b) plain Spark JDBC -> Parquet",
                "(c) export, local filesystem", "(d) export, s3a to the S3 server", "(e) COPY -> DuckDB -> Parquet, same policy",
                "(g) warehouse side: COPY of the export's own query", "(j) the export's read, into a no-op sink",
                "(h) the export's read and transform, into a no-op sink", "| where (c)'s time goes | seconds | share of (c) |",
                "| write: Parquet, Iceberg commit, manifest, governance scan (c - h) | ");
        assertThat(result.out).doesNotContain("without HASH", "without ROUND");
        for (String treatment : List.of("scrubbing (FREE_TEXT)", "all treatments")) {
            assertThat(result.out).contains("  (c) without " + treatment + " ...\n").containsPattern("\\| " + java.util.regex.Pattern.quote(treatment)
                    + " \\| \\d+\\.\\d\\d \\| -?\\d+% \\|");
        }
        // the profile: a recording on disk, and the driver's top frames read back from it
        java.util.regex.Matcher recording = java.util.regex.Pattern.compile("Profile of \\(c\\): (\\S+\\.jfr)").matcher(result.out);
        assertThat(recording.find()).as(result.out).isTrue();
        assertThat(java.nio.file.Files.size(java.nio.file.Path.of(recording.group(1)))).isPositive();
        assertThat(result.out).containsPattern("\ndriver threads: [\\d,]+ samples \\(10 ms each\\)\n\n\\| on top of the stack \\(self\\) \\| share \\|\n");
        // the policy is the bench's own again after the breakdown took treatments out
        assertThat(count("SELECT count(*) FROM de_config.data_column_classification WHERE table_name = 'bench_wide' AND treatment IS NOT NULL")).isEqualTo(8);
        List<String> lines = result.out.lines().toList();
        assertThat(lines.get(lines.size() - 1))
                .matches("bench: rows=1000 c/b=\\d+\\.\\d\\d c/a=\\d+\\.\\d\\d c/e=\\d+\\.\\d\\d d/c=\\d+\\.\\d\\d scan=\\d+\\.\\d\\d files=\\d+ heap_mb=\\d+");
        assertThat(count("SELECT count(*) FROM de_config.export_tables WHERE table_name = 'bench_wide' AND NOT enabled")).isEqualTo(1);
        assertThat(run("bench", "--dir", dir, "--rows", "999").err).isEqualTo("data-exporter: --rows 999 is out of range; use 1000 to 16000000\n");
        assertThat(run("bench", "--dir", dir, "--treatments", "hash,gzip").err).isEqualTo("data-exporter: --treatments names 'gzip'; use some of hash,"
                + " masking, scrubbing, round, mx, all\n");
    }

    @Test
    void stack_runsUntilStopped_writesItsPropertiesForTheOtherCommands_andRemovesThemOnAStop() throws Exception {
        Path directory = Files.createTempDirectory(Path.of("target"), "stack-command-").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(arg -> arg.startsWith("--add-opens")).toList());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), DataExporterCli.class.getName(), "stack", "--dir", directory.toString(),
                "--postgres-port", String.valueOf(freePort()), "--s3-port", String.valueOf(freePort())));
        Process stack = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(directory.resolveSibling(directory.getFileName() + ".log").toFile()).start();
        Path properties = directory.resolve(StackProperties.FILE_NAME);
        try {
            for (int i = 0; i < 600 && !Files.isRegularFile(properties) && stack.isAlive(); i++) {
                Thread.sleep(100);
            }
            assertThat(properties).as("stack.properties written once the stack is up").isRegularFile();
            var endpoints = StackProperties.read(properties);
            try (Connection connection = DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.user(), endpoints.password());
                 Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery("SELECT 1")) {
                assertThat(result.next()).isTrue();
            }
        } finally {
            stack.destroy(); // SIGTERM, as Ctrl-C stops it
            assertThat(stack.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(properties).as("a clean stop removes stack.properties").doesNotExist();
    }

    private record Result(int exitCode, String out, String err) {
    }

    private static Result run(String... args) {
        CommandLine commandLine = new CommandLine(new DataExporterCli());
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("data-exporter: " + e.getMessage());
            return e instanceof IllegalArgumentException ? 2 : 1;
        });
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exit = commandLine.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    private static long count(String sql) throws Exception {
        try (Connection connection = TestStack.get().openConnection(); Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
