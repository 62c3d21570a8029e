package io.dataexporter.jobs.export;

import io.dataexporter.classification.plan.TablePlan;
import io.dataexporter.common.retry.BoundedRetry;
import io.dataexporter.common.retry.Sleeper;
import io.dataexporter.classification.policy.PolicyRows;
import io.dataexporter.classification.policy.PolicyRows.ExportTableRow;
import io.dataexporter.jobs.config.ConfigLoader;
import io.dataexporter.common.config.ConfigSources;
import io.dataexporter.jobs.config.ExportConfig;
import io.dataexporter.jobs.iceberg.IcebergCatalog;
import io.dataexporter.jobs.iceberg.IcebergPartitionWriter;
import io.dataexporter.jobs.spark.SparkSessions;
import io.dataexporter.jobs.spark.UtcZone;
import io.dataexporter.jobs.status.JdbcJobStatusStore;
import io.dataexporter.jobs.status.JobStatusStore;
import io.dataexporter.jobs.status.RetryingJobStatusStore;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The scheduled export: every enabled table for one Melbourne day (default yesterday), or each day of a backfill,
 * oldest first. The EMR step runs this class through spark-submit; {@code bin/data-exporter export} runs the same.
 *
 * <p>Exit codes: 0 every table completed, 5 some table failed, 2 bad arguments or configuration, 4 dry run found a
 * policy error, 1 anything else.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"The scheduled export: every enabled table for a Melbourne day, as Parquet under {env}/YYYY/MM/DD/{table}/,",
            "committed as partition export_date of Iceberg table {catalog}.{database}.{table}; then the classification tables,",
            "_manifest.json and one notification."})
public final class ScheduledExport implements Callable<Integer> {

    static final int EXIT_TABLES_FAILED = 5;
    /** Exit code when the control database could not take some table's final status (the output names them). */
    static final int EXIT_STATUS_UNRECORDED = 7;

    @Option(names = "--verbose", description = "Print each run's whole notification (JSON) to the log, even on a terminal.")
    boolean verbose;

    @Option(names = "--date", paramLabel = "D", description = "Melbourne day to export, YYYY-MM-DD (default: yesterday in Australia/Melbourne).")
    LocalDate date;

    @Option(names = "--scheduled-at", paramLabel = "INSTANT", description = {"The time a scheduler fired, ISO-8601 (e.g. EventBridge Scheduler's",
        "<aws.scheduler.scheduled-time>): exports the Melbourne day before the one it falls on, however late the step starts."})
    Instant scheduledAt;

    @Option(names = "--from", paramLabel = "D", description = "First day of a backfill (with --to); days run oldest first.")
    LocalDate from;

    @Option(names = "--to", paramLabel = "D", description = "Last day of a backfill, inclusive.")
    LocalDate to;

    @Option(names = "--tables", split = ",", paramLabel = "T", description = "Only these tables (comma-separated; default: every enabled table).")
    List<String> tables;

    @Option(names = "--dry-run", description = "Print each table's plan and warehouse SQL; write nothing.")
    boolean dryRun;

    @Option(names = "--max-concurrency", paramLabel = "N", defaultValue = "4", description = "Tables in flight at once (MAX_CONCURRENCY_LIMIT; default ${DEFAULT-VALUE}).")
    int maxConcurrency;

    @Option(names = "--max-retries", paramLabel = "N", defaultValue = "3",
            description = "Attempts per table before it is FAILED (MAX_RETRY_COUNT; default ${DEFAULT-VALUE}); backoff doubles between attempts.")
    int maxRetries;

    @Option(names = "--env", paramLabel = "E", description = "Environment: the first folder under the bucket (default: setting export.env, else 'local').")
    String env;

    @Option(names = "--warehouse", paramLabel = "W", description = {"Where the rows are read: jdbc (PostgreSQL) or redshift (the spark-redshift connector), as setting warehouse.kind;",
            "or redshift-emulated: through the connector from the local stack's emulated Redshift (UNLOAD to its S3 server), as on EMR."})
    String warehouse;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file of settings (see README: Configuration).")
    Path configFile;

    @Option(names = "--dir", paramLabel = "D", defaultValue = ".data-exporter",
            description = "Local stack directory; its stack.properties supplies defaults when present (default: ${DEFAULT-VALUE}).")
    Path stackDirectory;

    Clock clock = Clock.systemUTC();
    PrintStream out = System.out;
    Sleeper sleeper = Sleeper.REAL;
    SparkSession session;
    Map<String, String> environment = System.getenv();
    final List<RunResult> results = new ArrayList<>();

    public static void main(String[] args) {
        System.exit(new CommandLine(new ScheduledExport()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (verbose) {
            System.setProperty(io.dataexporter.jobs.notify.LogNotifier.VERBOSE_PROPERTY, "true");
        }
        List<ExportDay> days = days();
        if (maxConcurrency < 1 || maxConcurrency > 64) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--max-concurrency " + maxConcurrency + " is out of range; use 1 to 64");
        }
        if (maxRetries < 1 || maxRetries > 20) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--max-retries " + maxRetries + " is out of range; use 1 to 20");
        }
        UtcZone.pinDriver();
        ExportConfig config = ExportConfig.read(sources());
        SparkSession spark = session != null ? session : SparkSessions.forJob("data-exporter export");
        UtcZone.requireExecutors(spark);
        String runId = "scheduled-" + clock.instant().toString().replace(":", "").replace(".", "") + "-" + UUID.randomUUID().toString().substring(0, 8);
        Progress progress = out == System.out ? Progress.forConsole(out) : new Progress(out, false, clock);
        // a warehouse or control database that stalls at start costs retries (within control.write-timeout-seconds), not the run
        BoundedRetry outages = new BoundedRetry(config.controlWriteTimeout(), clock, sleeper, progress::note);
        PolicyRows policy = outages.call("Reading the policy tables", () -> ExportComponents.policy(config));
        List<ExportTableRow> selected = selectTables(policy);
        IcebergCatalog catalog = new IcebergCatalog(config);
        catalog.register(spark);
        IcebergPartitionWriter writer = new IcebergPartitionWriter(spark, catalog, config.targetFileSizeBytes());
        TableExporter exporter = new TableExporter(spark, ExportComponents.source(spark, config, runId), config.warehouse().schema(), writer,
                ExportComponents.hashKey(config), catalog.root(), config.warehouse().target(), config.governance());
        if (dryRun) {
            return printPlans(exporter, policy, selected, days);
        }
        JobStatusStore statuses = new RetryingJobStatusStore(new JdbcJobStatusStore(config.control()), outages);
        int abandoned = statuses.closeAbandoned(runId);
        if (abandoned > 0) {
            out.println("Closed " + abandoned + " IN-PROGRESS status rows left by a stopped run as FAILED (ABANDONED)");
        }
        outages.run("Creating the catalog's namespace", () -> {
            writer.ensureNamespace();
            return null;
        });
        ManifestStore manifests = new ManifestStore(spark.sparkContext().hadoopConfiguration(), catalog.root());
        ScheduledExportRun run = new ScheduledExportRun(runId, config.env(), exporter, new ClassificationTablesExporter(spark, writer, catalog.root()),
                manifests, statuses, ExportComponents.notifier(config),
                progress, clock, sleeper, maxConcurrency, maxRetries, config.retryBackoff());
        out.println("Run " + runId + ": " + selected.size() + " tables, " + days.size() + " day(s), policy " + policy.version() + ", output " + catalog.root());
        boolean allCompleted = true;
        List<String> unrecorded = new ArrayList<>();
        for (ExportDay day : days) {
            RunResult result = run.run(day, policy, selected);
            results.add(result);
            allCompleted &= "SUCCESS".equals(result.status());
            out.println(day + ": " + result.status() + "; manifest " + manifests.location(day));
            result.unrecordedTables().forEach(table -> unrecorded.add(day + " " + table));
        }
        if (!unrecorded.isEmpty()) {
            out.println("The control database did not take the final status of: " + String.join(", ", unrecorded)
                    + "; the manifest and the notification have their outcome");
            return EXIT_STATUS_UNRECORDED;
        }
        return allCompleted ? 0 : EXIT_TABLES_FAILED;
    }

    public ConfigSources sources() {
        return ConfigLoader.forJob(env, warehouse, environment, configFile, stackDirectory);
    }

    /** The days this command exports, from its options (one day, a backfill, or the day before a schedule fired). */
    public List<ExportDay> days() {
        if (scheduledAt != null && (date != null || from != null || to != null)) {
            throw new IllegalArgumentException("--scheduled-at " + scheduledAt + " names the day itself (the Melbourne day before it); give it alone,"
                    + " without --date, --from or --to");
        }
        if (scheduledAt != null) {
            return List.of(ExportDay.before(scheduledAt));
        }
        if (date != null && (from != null || to != null)) {
            throw new IllegalArgumentException("--date " + date + " cannot be combined with --from/--to; give one day or a range");
        }
        if ((from == null) != (to == null)) {
            throw new IllegalArgumentException("A backfill needs both --from and --to (got --from " + from + ", --to " + to + ")");
        }
        if (from == null) {
            return List.of(date != null ? new ExportDay(date) : ExportDay.yesterday(clock));
        }
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("--from " + from + " is after --to " + to + "; the backfill runs from the older day to the newer");
        }
        return from.datesUntil(to.plusDays(1)).map(ExportDay::new).toList();
    }

    private List<ExportTableRow> selectTables(PolicyRows policy) {
        if (tables == null || tables.isEmpty()) {
            return policy.enabledTables();
        }
        List<ExportTableRow> selected = new ArrayList<>();
        for (String name : tables) {
            ExportTableRow row = policy.exportTable(name).orElseThrow(() -> new IllegalArgumentException("--tables " + name
                    + " is not in export_tables; known tables: " + String.join(", ", policy.exportTables().stream().map(ExportTableRow::tableName).sorted().toList())));
            if (!row.enabled()) {
                throw new IllegalArgumentException("--tables " + name + " is disabled in export_tables; enable it there first (nothing is exported that the policy does not enable)");
            }
            selected.add(row);
        }
        return selected;
    }

    private int printPlans(TableExporter exporter, PolicyRows policy, List<ExportTableRow> selected, List<ExportDay> days) {
        int failed = 0;
        for (ExportDay day : days) {
            out.println("Dry run for " + day + " Australia/Melbourne = [" + day.window().start() + ", " + day.window().end() + "); policy " + policy.version()
                    + "; nothing is written");
            for (ExportTableRow table : selected) {
                out.println();
                try {
                    TablePlan plan = exporter.plan(policy, table, day);
                    out.print(plan.reportText(exporter.dialect()));
                } catch (Exception e) { // Spark rethrows checked exceptions (the driver's SQLException) undeclared
                    failed++;
                    out.println(table.tableName() + "  NOT EXPORTED");
                    ExportFailure.configurationProblems(table.tableName(), e).orElseThrow(() -> ExportFailure.classify(table.tableName(), e)).forEach(problem -> out.println("  error     " + problem));
                }
            }
        }
        out.flush();
        return failed == 0 ? 0 : 4;
    }

    public List<RunResult> results() {
        return List.copyOf(results);
    }
}
