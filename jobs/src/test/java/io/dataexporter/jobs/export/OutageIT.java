package io.dataexporter.jobs.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataexporter.common.config.StackEndpoints;
import io.dataexporter.common.config.StackProperties;
import io.dataexporter.jobs.TestSpark;
import io.dataexporter.jobs.config.ConfigLoader;
import io.dataexporter.jobs.config.Settings;
import io.dataexporter.jobs.export.PolicyExpectation.Rows;
import io.dataexporter.localstack.FreezableProxy;
import io.dataexporter.localstack.TestS3;
import io.dataexporter.localstack.seed.SeedOptions;
import io.dataexporter.localstack.seed.SyntheticWarehouse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The scheduled export through outages of the local stack, which runs in a JVM of its own: its PostgreSQL (warehouse,
 * control tables and Iceberg catalog) frozen for 30 s (SIGSTOP of the postmaster and every backend, then SIGCONT)
 * during the read, around the Iceberg commits and during the status updates, and its S3 server frozen for 30 s. Each
 * run must end with a final status for every table and one notification, never an uncaught exit; a rerun is exact.
 */
class OutageIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long FREEZE_MILLIS = 30_000;
    // A bucket and a catalog name of their own: the shared session caches the s3a file system per bucket and the Iceberg
    // catalog per name, and those of the test JVM's own stack must not serve this stack's exports.
    private static final String BUCKET = "outage-exporter";
    private static final String CATALOG = "outage";
    private static Path directory;
    private static Process stackProcess;
    private static StackEndpoints endpoints;

    @BeforeAll
    static void startStackAndSeed() throws Exception {
        directory = Files.createTempDirectory(Path.of("target"), "outage-stack-").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(arg -> arg.startsWith("--add-opens")).toList());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), StackMain.class.getName(), directory.toString(), BUCKET));
        stackProcess = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(directory.resolveSibling(directory.getFileName() + ".log").toFile()).start();
        Path properties = directory.resolve(StackProperties.FILE_NAME);
        for (int i = 0; i < 600 && !Files.isRegularFile(properties) && stackProcess.isAlive(); i++) {
            Thread.sleep(100);
        }
        endpoints = StackProperties.read(properties);
        assertThat(endpoints.bucket()).isEqualTo(BUCKET);
        try (Connection connection = connect()) {
            SyntheticWarehouse.seed(connection, new SeedOptions(20_000, 3, SeedOptions.DEFAULT_AROUND, 3));
        }
        TestSpark.get();
    }

    @AfterAll
    static void stopStack() throws InterruptedException {
        if (stackProcess != null) {
            stackProcess.destroy();
            stackProcess.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void postgresqlFrozenDuringTheRead_everyTableEndsWithAFinalStatus_andOneNotification_andARerunIsExact() throws Exception {
        outage("it-outage-read", statuses -> statuses.contains("IN-PROGRESS"), OutageIT::postgresProcesses);
    }

    @Test
    void postgresqlFrozenAroundTheIcebergCommits_everyTableEndsWithAFinalStatus_andOneNotification_andARerunIsExact() throws Exception {
        outage("it-outage-commit", statuses -> statuses.contains("COMPLETED"), OutageIT::postgresProcesses);
    }

    @Test
    void postgresqlFrozenDuringTheStatusUpdates_everyTableEndsWithAFinalStatus_andOneNotification_andARerunIsExact() throws Exception {
        outage("it-outage-status", statuses -> statuses.contains("classifications IN-PROGRESS"), OutageIT::postgresProcesses);
    }

    @Test
    void s3ServerFrozen_everyTableEndsWithAFinalStatus_andOneNotification_andARerunIsExact() throws Exception {
        outage("it-outage-s3", statuses -> statuses.contains("IN-PROGRESS"), () -> List.of(stackProcess.pid()));
    }

    @Test
    void controlDatabaseGoneLongerThanTheWriteBudget_theNotificationAndTheExitCodeNameTheTablesWithoutAFinalStatus() throws Exception {
        // Only the control connections go through the proxy, which stops answering once the tables are running and stays
        // so until the run has ended: every final status write meets the outage, whatever the read and the commits take.
        URI postgres = URI.create(endpoints.jdbcUrl().substring("jdbc:".length()));
        try (WebhookReceiver webhook = new WebhookReceiver(); FreezableProxy proxy = new FreezableProxy(postgres.getHost(), postgres.getPort())) {
            String controlUrl = "jdbc:postgresql://127.0.0.1:" + proxy.port() + postgres.getRawPath() + (postgres.getRawQuery() == null ? "" : "?" + postgres.getRawQuery());
            String since = query("SELECT now()::text");
            CompletableFuture<Result> run = CompletableFuture.supplyAsync(() -> export("it-outage-long", webhook,
                    Map.of(Settings.CONTROL_URL.name(), controlUrl), "--max-retries", "1"));
            awaitStatuses("it-outage-long", since, statuses -> statuses.contains("IN-PROGRESS"), run);
            Result result;
            proxy.freeze();
            try {
                result = run.get(10, TimeUnit.MINUTES);
            } finally {
                proxy.thaw();
            }
            System.out.println("Run of it-outage-long with the control database gone:\n" + result.output);

            assertThat(result.exitCode).as(result.output).isEqualTo(ScheduledExport.EXIT_STATUS_UNRECORDED);
            assertThat(webhook.bodies()).as(result.output).hasSize(1);
            JsonNode notification = JSON.readTree(webhook.bodies().get(0));
            JsonNode control = notification.get("control_database");
            assertThat(control.get("status").asText()).isEqualTo("unreachable");
            List<String> unrecorded = new ArrayList<>();
            control.get("tables_without_final_status").forEach(table -> unrecorded.add(table.asText()));
            List<String> failed = new ArrayList<>();
            notification.get("tables").forEach(table -> {
                if (table.get("status").asText().equals("FAILED")) {
                    failed.add(table.get("table").asText());
                }
            });
            // the control database is gone before any final status: every table, the classification tables too, is unrecorded
            List<String> all = List.of("cctv_event", "classifications", "incident", "metrics_long", "way", "way_speed");
            assertThat(unrecorded).as(result.output).isEqualTo(all);
            assertThat(failed).as(result.output).containsExactlyInAnyOrderElementsOf(all);
            assertThat(notification.get("subject").asText()).endsWith(" completed; control DB unreachable)");
            assertThat(result.output).contains("The control database did not take the final status of: "
                    + String.join(", ", unrecorded.stream().map(table -> "2026-10-04 " + table).toList()));
        }
        try (WebhookReceiver webhook = new WebhookReceiver()) {
            Result rerun = export("it-outage-long", webhook);
            assertThat(rerun.exitCode).as(rerun.output).isZero();
            // what the outage left IN-PROGRESS, the rerun closed as ABANDONED
            assertThat(query("SELECT count(*) FROM de_internal.table_export_job_statuses WHERE status = 'IN-PROGRESS'")).isEqualTo("0");
        }
        assertExact("it-outage-long");
    }

    private interface Frozen {
        List<Long> pids() throws IOException;
    }

    private static void outage(String env, Predicate<String> freezeWhen, Frozen frozen) throws Exception {
        try (WebhookReceiver webhook = new WebhookReceiver()) {
            Result result = runThroughFreeze(env, webhook, freezeWhen, frozen);

            assertThat(result.exitCode).as(result.output).isIn(0, ScheduledExport.EXIT_TABLES_FAILED);
            assertThat(query("SELECT count(*) FROM de_internal.table_export_job_statuses WHERE status = 'IN-PROGRESS'")).as(result.output).isEqualTo("0");
            // the last attempt of every table (and of the classification tables) has its final status
            assertThat(query("SELECT string_agg(table_name || ' ' || status, ', ' ORDER BY table_name) FROM de_internal.table_export_job_statuses s"
                    + " WHERE run_id = '" + result.runId + "' AND attempt = (SELECT max(attempt) FROM de_internal.table_export_job_statuses l"
                    + " WHERE l.run_id = s.run_id AND l.table_name = s.table_name)"))
                    .as(result.output).matches("cctv_event (COMPLETED|FAILED), classifications (COMPLETED|FAILED), incident (COMPLETED|FAILED),"
                            + " metrics_long (COMPLETED|FAILED), way (COMPLETED|FAILED), way_speed (COMPLETED|FAILED)");
            assertThat(webhook.bodies()).as(result.output).hasSize(1);
            JsonNode notification = JSON.readTree(webhook.bodies().get(0));
            assertThat(notification.get("status").asText()).isEqualTo(result.exitCode == 0 ? "SUCCESS" : "PARTIAL-SUCCESS");
            assertThat(notification.get("control_database").toString()).isEqualTo("{\"status\":\"ok\"}");
        }
        try (WebhookReceiver webhook = new WebhookReceiver()) {
            Result rerun = export(env, webhook);
            assertThat(rerun.exitCode).as(rerun.output).isZero();
        }
        assertExact(env);
    }

    // the export, with the processes frozen for FREEZE_MILLIS once its status rows meet the condition
    private static Result runThroughFreeze(String env, WebhookReceiver webhook, Predicate<String> freezeWhen, Frozen frozen, String... options)
            throws Exception {
        String since = query("SELECT now()::text");
        CompletableFuture<Result> run = CompletableFuture.supplyAsync(() -> export(env, webhook, options));
        awaitStatuses(env, since, freezeWhen, run);
        List<Long> pids = frozen.pids();
        try {
            signal("STOP", pids);
            Thread.sleep(FREEZE_MILLIS);
        } finally {
            signal("CONT", pids);
        }
        Result result = run.get(10, TimeUnit.MINUTES);
        System.out.println("Run of " + env + " through a " + FREEZE_MILLIS / 1000 + " s freeze:\n" + result.output);
        return result;
    }

    // the folders hold exactly the policy's rows, recomputed in PostgreSQL
    private static void assertExact(String env) throws Exception {
        try (Connection connection = connect(); S3Client s3 = TestS3.client(endpoints)) {
            PolicyExpectation.createFunctions(connection, ExportHarness.effectivePepper());
            ParquetReadback readback = new ParquetReadback(s3, endpoints.bucket());
            for (String table : PolicyExpectation.TABLES) {
                Rows expected = PolicyExpectation.expected(connection, table, Instant.parse("2026-10-03T14:00:00Z"), Instant.parse("2026-10-04T13:00:00Z"));
                Rows written = readback.read(env + "/2026/10/04/" + table + "/", Set.of());
                List<String> withoutPartition = written.lines().stream().map(line -> line.substring(0, line.lastIndexOf('|'))).sorted().toList();
                assertThat(new Rows(expected.columns(), withoutPartition).differenceFrom(expected)).as(table).isEmpty();
            }
        }
    }

    private record Result(int exitCode, String output, String runId) {
    }

    private static Result export(String env, WebhookReceiver webhook, String... options) {
        return export(env, webhook, Map.of(), options);
    }

    private static Result export(String env, WebhookReceiver webhook, Map<String, String> overrides, String... options) {
        Map<String, String> environment = new HashMap<>();
        Map<String, String> values = new HashMap<>(ConfigLoader.stackValues(endpoints));
        values.put(Settings.ENV.name(), env);
        values.put(Settings.CATALOG_DATABASE.name(), env.replace('-', '_'));
        values.put(Settings.CATALOG_NAME.name(), CATALOG);
        values.put(Settings.HASH_PEPPER.name(), ExportHarness.PEPPER);
        values.put(Settings.RETRY_BACKOFF_MS.name(), "5000");
        values.put(Settings.JDBC_CONNECT_TIMEOUT.name(), "5");
        values.put(Settings.WAREHOUSE_SOCKET_TIMEOUT.name(), "15");
        values.put(Settings.CONTROL_SOCKET_TIMEOUT.name(), "10");
        // long enough for the 30 s freezes when attempts are retried; the long outage allows one attempt only
        values.put(Settings.CONTROL_WRITE_TIMEOUT.name(), "it-outage-long".equals(env) ? "5" : "120");
        values.put(Settings.NOTIFIER.name(), "webhook");
        values.put(Settings.WEBHOOK_URL.name(), webhook.url());
        values.putAll(overrides);
        values.forEach((name, value) -> environment.put(Settings.ALL.stream().filter(k -> k.name().equals(name)).findFirst().orElseThrow().environmentName(), value));
        ScheduledExport command = new ScheduledExport();
        command.session = TestSpark.get();
        command.environment = environment;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        command.out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        CommandLine commandLine = new CommandLine(command);
        java.io.StringWriter errors = new java.io.StringWriter();
        commandLine.setErr(new java.io.PrintWriter(errors));
        List<String> arguments = new ArrayList<>(List.of("--date", "2026-10-04", "--dir", "target/no-stack-directory"));
        arguments.addAll(List.of(options));
        int exit = commandLine.execute(arguments.toArray(String[]::new));
        String output = buffer.toString(StandardCharsets.UTF_8) + errors;
        String runId = output.lines().filter(line -> line.startsWith("Run scheduled-")).map(line -> line.substring(4, line.indexOf(':'))).findFirst().orElse("");
        return new Result(exit, output, runId);
    }

    // waits until the run's status rows, as "table STATUS" lines, meet the condition
    private static void awaitStatuses(String env, String since, Predicate<String> condition, CompletableFuture<Result> run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline && !run.isDone()) {
            String statuses = query("SELECT coalesce(string_agg(table_name || ' ' || status, E'\\n'), '') FROM de_internal.table_export_job_statuses"
                    + " WHERE started_at >= '" + since + "'::timestamptz");
            if (condition.test(statuses)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("The run of " + env + " never reached the point of the outage; done=" + run.isDone()
                + (run.isDone() ? ", output:\n" + run.get().output : ""));
    }

    // the postmaster (from its pid file) and every process it started
    private static List<Long> postgresProcesses() throws IOException {
        long postmaster = Long.parseLong(Files.readAllLines(directory.resolve("postgres").resolve("postmaster.pid")).get(0).strip());
        ProcessHandle handle = ProcessHandle.of(postmaster).orElseThrow(() -> new AssertionError("PostgreSQL is not running as " + postmaster));
        return Stream.concat(Stream.of(handle), handle.descendants()).map(ProcessHandle::pid).toList();
    }

    // the first process (the postmaster, or the stack's JVM) must take the signal; a backend may have ended since it was listed
    private static void signal(String signal, List<Long> pids) throws IOException, InterruptedException {
        for (int i = 0; i < pids.size(); i++) {
            int exit = new ProcessBuilder("kill", "-" + signal, String.valueOf(pids.get(i))).redirectErrorStream(true).start().waitFor();
            if (i == 0) {
                assertThat(exit).as("kill -" + signal + " " + pids.get(i)).isZero();
            }
        }
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.user(), endpoints.password());
    }

    private static String query(String sql) throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }
}
