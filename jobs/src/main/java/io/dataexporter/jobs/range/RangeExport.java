package io.dataexporter.jobs.range;

import io.dataexporter.classification.plan.ExportWindow;
import io.dataexporter.classification.plan.TablePlan;
import io.dataexporter.classification.plan.TablePlanner;
import io.dataexporter.classification.policy.PolicyRows;
import io.dataexporter.classification.policy.PolicyRows.ExportTableRow;
import io.dataexporter.common.retry.BoundedRetry;
import io.dataexporter.common.range.JdbcRequestStore;
import io.dataexporter.common.range.RangeLayout;
import io.dataexporter.common.range.RequestHeartbeat;
import io.dataexporter.jobs.config.ConfigLoader;
import io.dataexporter.common.config.ConfigSources;
import io.dataexporter.jobs.config.ExportConfig;
import io.dataexporter.jobs.export.WithheldCells;
import io.dataexporter.jobs.governance.PolicyScan;
import io.dataexporter.jobs.export.ExportComponents;
import io.dataexporter.jobs.export.ExportFailure;
import io.dataexporter.jobs.iceberg.IcebergTypes;
import io.dataexporter.jobs.iceberg.S3aSettings;
import io.dataexporter.jobs.source.WarehouseSource;
import io.dataexporter.jobs.spark.SparkSessions;
import io.dataexporter.jobs.spark.UtcZone;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The on-demand range export: every enabled table for {@code [start, end)} (epoch seconds, at most one day), through
 * the same plan and policy as the scheduled export, into the request's folders (see {@link RangeLayout}). It
 * heartbeats and reports progress in {@code de_internal.request_table} and ends there Completed or Failed. The API's
 * launchers run this class (EMR step, EMR Serverless, or a local process); {@code bin/data-exporter range-export} too.
 */
@Command(name = "range-export", mixinStandardHelpOptions = true,
        description = "The on-demand export of every enabled table for [start, end) into {env}/data_exporter_service/{table}/YYYYMMDD/{start}_{end}/{request id}/.")
public final class RangeExport implements Callable<Integer> {

    static final long MAX_SPAN_SECONDS = 86_400;
    /** Exit code when the request is no longer In Progress at start (the API failed it over): nothing was exported. */
    static final int EXIT_NOT_IN_PROGRESS = 6;
    /** Exit code when the export ended but the control database did not take its Completed or Failed. */
    static final int EXIT_END_UNRECORDED = 7;

    @Option(names = "--start", required = true, paramLabel = "S", description = "Start, epoch seconds (inclusive).")
    long start;

    @Option(names = "--end", required = true, paramLabel = "E", description = "End, epoch seconds (exclusive); at most one day after the start.")
    long end;

    @Option(names = "--request-id", paramLabel = "ID", description = "The request's UUID (default: a new one, recorded in de_internal.request_table).")
    UUID requestId;

    @Option(names = "--env", paramLabel = "E", description = "Environment: the first folder under the bucket (default: setting export.env, else 'local').")
    String env;

    @Option(names = "--warehouse", paramLabel = "W", description = {"Where the rows are read: jdbc (PostgreSQL) or redshift (the spark-redshift connector), as setting warehouse.kind;",
            "or redshift-emulated: through the connector from the local stack's emulated Redshift (UNLOAD to its S3 server), as on EMR."})
    String warehouse;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file of settings (see README: Configuration).")
    Path configFile;

    @Option(names = "--dir", paramLabel = "D", defaultValue = ".data-exporter", description = "Local stack directory (default: ${DEFAULT-VALUE}).")
    Path stackDirectory;

    @Option(names = "--heartbeat-seconds", paramLabel = "N", defaultValue = "5", description = "Heartbeat interval (default ${DEFAULT-VALUE}).")
    int heartbeatSeconds;

    PrintStream out = System.out;
    SparkSession session;

    Map<String, String> environment = System.getenv();

    /** Where this job's settings come from: the same reader as the scheduled export's, Spark conf included. */
    public ConfigSources sources() {
        return ConfigLoader.forJob(env, warehouse, environment, configFile, stackDirectory);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new RangeExport()).execute(args));
    }

    @Override
    public Integer call() {
        if (start < 0 || start >= end || end - start > MAX_SPAN_SECONDS) {
            throw new IllegalArgumentException("--start " + start + " and --end " + end + " must satisfy 0 <= start < end and end - start <= "
                    + MAX_SPAN_SECONDS + " (one day)");
        }
        UtcZone.pinDriver();
        ExportConfig config = ExportConfig.read(sources());
        UUID id = requestId != null ? requestId : UUID.randomUUID();
        JdbcRequestStore requests = new JdbcRequestStore(config.control()::connect);
        requests.createLaunched(id, start, end, "range-export " + id);
        // A job started late (queued behind other steps) may find its request already failed over: it must not export.
        if (!requests.heartbeat(id)) {
            String status = requests.find(id).map(request -> request.status().text()).orElse("missing");
            out.println("Request " + id + " is " + status + ", no longer In Progress; nothing exported. Request the range again if it is still needed.");
            return EXIT_NOT_IN_PROGRESS;
        }
        RequestHeartbeat heartbeat = new RequestHeartbeat(requests, id, Duration.ofSeconds(heartbeatSeconds), out::println);
        BoundedRetry control = BoundedRetry.of(config.controlWriteTimeout(), out::println);
        try {
            List<String> exported = exportAll(config, id, requests, control);
            return recordEnd(control, id, "Completed", () -> requests.completed(id, exported), "Request " + id + ": Completed", 0);
        } catch (Exception e) { // Spark rethrows its checked SparkException undeclared
            ExportFailure failure = e instanceof ExportFailure known ? known
                    : new ExportFailure(io.dataexporter.jobs.export.ErrorCode.INTERNAL, "Cannot export the range: " + e.getMessage(), e);
            return recordEnd(control, id, "Failed", () -> requests.failed(id, failure.publicMessage()), "Request " + id + ": Failed: " + failure.operatorMessage(), 1);
        } finally {
            heartbeat.close();
        }
    }

    // The request's end in request_table, retried within control.write-timeout-seconds; if the control database never takes it,
    // the API fails the request over once the heartbeat stops, and the exit code says the end was not recorded.
    private int recordEnd(BoundedRetry control, UUID id, String status, Runnable write, String line, int exitCode) {
        try {
            control.run("Recording request " + id + " as " + status, () -> {
                write.run();
                return null;
            });
            out.println(line);
            return exitCode;
        } catch (BoundedRetry.RetriesExhausted e) {
            out.println(line + " (not recorded: " + e.getMessage() + ")");
            return EXIT_END_UNRECORDED;
        }
    }

    private List<String> exportAll(ExportConfig config, UUID id, io.dataexporter.common.range.RequestProgress requests, BoundedRetry control) {
        SparkSession spark = session != null ? session : SparkSessions.forJob("data-exporter range-export " + id);
        UtcZone.requireExecutors(spark);
        S3aSettings.apply(spark.sparkContext().hadoopConfiguration(), config.s3());
        PolicyRows policy = ExportComponents.policy(config);
        WarehouseSource source = ExportComponents.source(spark, config, "range-" + id);
        RangeTableWriter writer = new RangeTableWriter(spark.sparkContext().hadoopConfiguration(), "s3a://" + config.s3().bucket());
        ExportWindow window = new ExportWindow(Instant.ofEpochSecond(start), Instant.ofEpochSecond(end));
        List<ExportTableRow> tables = policy.enabledTables();
        for (int i = 0; i < tables.size(); i++) {
            ExportTableRow table = tables.get(i);
            spark.sparkContext().setJobGroup("range " + id + " " + table.tableName(), "Data Exporter range " + id + ": " + table.tableName(), false);
            List<RangeFile> files;
            try {
                TablePlanner.requireIdentifier(config.warehouse().schema(), table.tableName());
                org.apache.spark.sql.types.StructType schema = source.schema(table.tableName());
                Optional<ExportWindow> tableWindow = table.isSnapshot() ? Optional.empty() : Optional.of(window);
                PolicyScan.Governed governed = PolicyScan.govern(config.warehouse().target(), policy, rows -> TablePlanner.plan(rows, config.warehouse().schema(),
                        table.tableName(), schema, tableWindow, ExportComponents.hashKey(config)), schema, source.dialect(), config.governance());
                TablePlan plan = governed.plan();
                PolicyScan.Report scan = governed.report();
                String counted = WithheldCells.metricsName(spark, table.tableName());
                try {
                    files = writer.write(plan, RangeLayout.folder(config.env(), table.tableName(), start, end, id),
                            IcebergTypes.compatible(plan.transform(source.read(plan), counted)), counted, scan);
                } finally {
                    WithheldCells.discard(counted);
                }
            } catch (Exception e) { // Spark rethrows its checked SparkException undeclared
                throw ExportFailure.classify(table.tableName(), e);
            } finally {
                source.finished(table.tableName());
            }
            double done = 100.0 * (i + 1) / tables.size();
            try {
                control.run("Recording the progress of request " + id, () -> {
                    requests.progress(id, done);
                    return null;
                });
            } catch (BoundedRetry.RetriesExhausted e) {
                out.println("Progress " + done + " % not recorded; the export goes on: " + e.getMessage()); // progress is advisory
            }
            out.printf("%-18s %,10d rows  %d files%n", table.tableName(), files.stream().mapToLong(RangeFile::recordCount).sum(), files.size());
        }
        spark.sparkContext().clearJobGroup();
        return tables.stream().map(ExportTableRow::tableName).toList();
    }
}
