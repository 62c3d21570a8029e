package io.dataexporter.jobs.export;

import io.dataexporter.classification.policy.PolicyRows;
import io.dataexporter.classification.policy.PolicyRows.ExportTableRow;
import io.dataexporter.jobs.iceberg.DataFileEntry;
import io.dataexporter.jobs.iceberg.PartitionCommit;
import io.dataexporter.jobs.notify.Notifier;
import io.dataexporter.jobs.status.JobStatusStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One day of the scheduled export: every table with at most {@code maxConcurrency} in flight, each retried with
 * exponential backoff up to {@code maxAttempts} attempts; then the classification tables, the manifest, and one
 * notification. Side effects come in the order write -> commit -> manifest -> status -> notify.
 */
public final class ScheduledExportRun {

    /** Sleeps between attempts; injected so tests need not wait. */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final String runId;
    private final String env;
    private final TableExporter exporter;
    private final ClassificationTablesExporter classifications;
    private final ManifestStore manifests;
    private final JobStatusStore statuses;
    private final Notifier notifier;
    private final Progress progress;
    private final Clock clock;
    private final Sleeper sleeper;
    private final int maxConcurrency;
    private final int maxAttempts;
    private final Duration firstBackoff;

    public ScheduledExportRun(String runId, String env, TableExporter exporter, ClassificationTablesExporter classifications, ManifestStore manifests,
                              JobStatusStore statuses, Notifier notifier, Progress progress, Clock clock, Sleeper sleeper,
                              int maxConcurrency, int maxAttempts, Duration firstBackoff) {
        this.runId = runId;
        this.env = env;
        this.exporter = exporter;
        this.classifications = classifications;
        this.manifests = manifests;
        this.statuses = statuses;
        this.notifier = notifier;
        this.progress = progress;
        this.clock = clock;
        this.sleeper = sleeper;
        this.maxConcurrency = maxConcurrency;
        this.maxAttempts = maxAttempts;
        this.firstBackoff = firstBackoff;
    }

    public RunResult run(ExportDay day, PolicyRows policy, List<ExportTableRow> tables) throws InterruptedException {
        Instant started = clock.instant();
        Runnable invalidateManifest = () -> manifests.invalidate(day);
        List<TableOutcome> outcomes = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(maxConcurrency, daemonThreads());
        try {
            List<Future<TableOutcome>> futures = new ArrayList<>();
            for (ExportTableRow table : tables) {
                futures.add(pool.submit(() -> exportWithRetries(policy, table, day, invalidateManifest)));
            }
            for (Future<TableOutcome> future : futures) {
                outcomes.add(future.get());
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("A table export thread failed outside its attempt: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        outcomes.add(exportClassifications(policy, day, invalidateManifest));
        RunResult result = new RunResult(runId, env, day, started, clock.instant(), outcomes);
        manifests.write(day, RunDocuments.manifest(result));
        notifier.send(result.subject(), RunDocuments.notification(result));
        return result;
    }

    TableOutcome exportWithRetries(PolicyRows policy, ExportTableRow table, ExportDay day, Runnable afterCommit) throws InterruptedException {
        String name = table.tableName();
        long firstStart = clock.millis();
        for (int attempt = 1; ; attempt++) {
            statuses.started(runId, name, day.date(), attempt);
            progress.started(day, name, attempt);
            long start = clock.millis();
            try {
                TableExport export = exporter.export(policy, table, day, afterCommit);
                long duration = clock.millis() - start;
                statuses.completed(runId, name, day.date(), attempt, export.commit().rows(), export.commit().bytes(), export.commit().files().size(), duration);
                TableOutcome outcome = TableOutcome.completed(name, attempt, export, clock.millis() - firstStart);
                progress.finished(day, outcome);
                return outcome;
            } catch (Exception | LinkageError e) { // Spark rethrows checked exceptions undeclared; a class missing on the cluster fails the table, not the run
                ExportFailure failure = ExportFailure.classify(name, e);
                statuses.failed(runId, name, day.date(), attempt, failure.code().name(), failure.operatorMessage(), clock.millis() - start);
                if (!failure.code().retryable() || attempt >= maxAttempts) {
                    TableOutcome outcome = TableOutcome.failed(name, attempt, failure, clock.millis() - firstStart);
                    progress.finished(day, outcome);
                    return outcome;
                }
                Duration backoff = firstBackoff.multipliedBy(1L << Math.min(attempt - 1, 16));
                progress.retrying(day, name, attempt, failure, backoff.toMillis());
                sleeper.sleep(backoff);
            }
        }
    }

    private TableOutcome exportClassifications(PolicyRows policy, ExportDay day, Runnable afterCommit) {
        long start = clock.millis();
        statuses.started(runId, RunResult.CLASSIFICATIONS, day.date(), 1);
        try {
            Map<String, PartitionCommit> commits = classifications.export(policy, day, afterCommit);
            List<DataFileEntry> files = commits.values().stream().flatMap(commit -> commit.files().stream()).toList();
            long duration = clock.millis() - start;
            statuses.completed(runId, RunResult.CLASSIFICATIONS, day.date(), 1, files.stream().mapToLong(DataFileEntry::rows).sum(),
                    files.stream().mapToLong(DataFileEntry::bytes).sum(), files.size(), duration);
            TableOutcome outcome = new TableOutcome(RunResult.CLASSIFICATIONS, TableOutcome.COMPLETED, 1, Optional.empty(), files,
                    Optional.of(policy.version()), List.of(), Optional.empty(), Optional.empty(), Optional.empty(), duration);
            progress.finished(day, outcome);
            return outcome;
        } catch (Exception | LinkageError e) {
            ExportFailure failure = ExportFailure.classify(RunResult.CLASSIFICATIONS, e);
            statuses.failed(runId, RunResult.CLASSIFICATIONS, day.date(), 1, failure.code().name(), failure.operatorMessage(), clock.millis() - start);
            TableOutcome outcome = TableOutcome.failed(RunResult.CLASSIFICATIONS, 1, failure, clock.millis() - start);
            progress.finished(day, outcome);
            return outcome;
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        return runnable -> {
            Thread thread = new Thread(runnable, "export-table");
            thread.setDaemon(true);
            return thread;
        };
    }
}
