package io.dataexporter.jobs.export;

import io.dataexporter.common.retry.Backoff;
import io.dataexporter.common.retry.Sleeper;
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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One day of the scheduled export: every table with at most {@code maxConcurrency} in flight, each retried with
 * exponential backoff up to {@code maxAttempts} attempts; then the classification tables, the manifest, and one
 * notification. Side effects come in the order: for each table write -> commit -> its status row (COMPLETED means its
 * data is committed); once every table has ended, the classification tables, then the day's manifest, then the
 * notification. A reader takes the day as complete from the manifest, which is written last but for the notification.
 */
public final class ScheduledExportRun {

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
    private final Backoff backoff;

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
        // doubling without a cap that matters: the attempts run out first (export.retry-backoff-ms, then twice that, ...)
        this.backoff = new Backoff(firstBackoff, firstBackoff.multipliedBy(1L << 16));
    }

    public RunResult run(ExportDay day, PolicyRows policy, List<ExportTableRow> tables) throws InterruptedException {
        Instant started = clock.instant();
        Runnable invalidateManifest = () -> manifests.invalidate(day);
        List<TableOutcome> outcomes = new ArrayList<>();
        Set<String> unrecorded = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(maxConcurrency, daemonThreads());
        try {
            List<Future<TableOutcome>> futures = new ArrayList<>();
            for (ExportTableRow table : tables) {
                futures.add(pool.submit(() -> exportWithRetries(policy, table, day, invalidateManifest, unrecorded)));
            }
            for (int i = 0; i < futures.size(); i++) {
                outcomes.add(outcome(futures.get(i), tables.get(i).tableName(), day, started));
            }
        } finally {
            pool.shutdownNow();
        }
        outcomes.add(exportClassifications(policy, day, invalidateManifest, unrecorded));
        // findings are new, and types changed, against the previous day's run
        ExportDay previous = new ExportDay(day.date().minusDays(1));
        FindingsHistory history = FindingsHistory.of(previous.date(), manifests.read(previous, progress::note));
        List<TableOutcome> reported = outcomes.stream().map(history::withTypeChanges).toList();
        RunResult result = new RunResult(runId, env, day, started, clock.instant(), reported, List.copyOf(unrecorded), history);
        manifests.write(day, RunDocuments.manifest(result));
        notifier.send(result.subject(), RunDocuments.notification(result));
        return result;
    }

    // A table's outcome, even when its thread died outside an attempt: that table is FAILED, the run goes on.
    private TableOutcome outcome(Future<TableOutcome> future, String table, ExportDay day, Instant started) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            ExportFailure failure = ExportFailure.classify(table, e.getCause());
            TableOutcome outcome = TableOutcome.failed(table, 1, failure, clock.millis() - started.toEpochMilli());
            progress.finished(day, outcome);
            return outcome;
        }
    }

    TableOutcome exportWithRetries(PolicyRows policy, ExportTableRow table, ExportDay day, Runnable afterCommit, Set<String> unrecorded)
            throws InterruptedException {
        String name = table.tableName();
        long firstStart = clock.millis();
        for (int attempt = 1; ; attempt++) {
            progress.started(day, name, attempt);
            long start = clock.millis();
            try {
                // a status the control database cannot take fails this attempt (CONTROL_UNAVAILABLE, retried), never the run
                statuses.started(runId, name, day.date(), attempt);
                TableExport export = exporter.export(policy, table, day, afterCommit);
                long duration = clock.millis() - start;
                statuses.completed(runId, name, day.date(), attempt, export.commit().rows(), export.commit().bytes(), export.commit().files().size(), duration);
                unrecorded.remove(name);
                TableOutcome outcome = TableOutcome.completed(name, attempt, export, clock.millis() - firstStart);
                progress.finished(day, outcome);
                return outcome;
            } catch (Exception | LinkageError e) { // Spark rethrows checked exceptions undeclared; a class missing on the cluster fails the table, not the run
                ExportFailure failure = ExportFailure.classify(name, e);
                recordFailed(name, day, attempt, failure, clock.millis() - start, unrecorded);
                if (!failure.code().retryable() || attempt >= maxAttempts) {
                    TableOutcome outcome = TableOutcome.failed(name, attempt, failure, clock.millis() - firstStart);
                    progress.finished(day, outcome);
                    return outcome;
                }
                // its own loop, not Retry's: every attempt writes its status row and the run reports the outcome instead of throwing
                Duration delay = backoff.after(attempt);
                progress.retrying(day, name, attempt, failure, delay.toMillis());
                sleeper.sleep(delay);
            }
        }
    }

    // The FAILED row of an attempt; a control database that does not take it leaves the table's status unknown there.
    private void recordFailed(String table, ExportDay day, int attempt, ExportFailure failure, long durationMs, Set<String> unrecorded) {
        try {
            statuses.failed(runId, table, day.date(), attempt, failure.code().name(), failure.operatorMessage(), durationMs);
            unrecorded.remove(table);
        } catch (RuntimeException e) {
            unrecorded.add(table);
            progress.note("The control database did not take the FAILED status of " + table + " attempt " + attempt + ": " + e.getMessage());
        }
    }

    private TableOutcome exportClassifications(PolicyRows policy, ExportDay day, Runnable afterCommit, Set<String> unrecorded) {
        long start = clock.millis();
        try {
            statuses.started(runId, RunResult.CLASSIFICATIONS, day.date(), 1);
            Map<String, PartitionCommit> commits = classifications.export(policy, day, afterCommit);
            List<DataFileEntry> files = commits.values().stream().flatMap(commit -> commit.files().stream()).toList();
            long duration = clock.millis() - start;
            statuses.completed(runId, RunResult.CLASSIFICATIONS, day.date(), 1, files.stream().mapToLong(DataFileEntry::rows).sum(),
                    files.stream().mapToLong(DataFileEntry::bytes).sum(), files.size(), duration);
            TableOutcome outcome = new TableOutcome(RunResult.CLASSIFICATIONS, TableOutcome.COMPLETED, 1, Optional.empty(), files,
                    Optional.of(policy.version()), List.of(), Optional.empty(), Optional.empty(), Optional.empty(), duration,
                    Optional.of(zeroWithheld()), List.of(), Map.of());
            progress.finished(day, outcome);
            return outcome;
        } catch (Exception | LinkageError e) {
            ExportFailure failure = ExportFailure.classify(RunResult.CLASSIFICATIONS, e);
            recordFailed(RunResult.CLASSIFICATIONS, day, 1, failure, clock.millis() - start, unrecorded);
            TableOutcome outcome = TableOutcome.failed(RunResult.CLASSIFICATIONS, 1, failure, clock.millis() - start);
            progress.finished(day, outcome);
            return outcome;
        }
    }

    // the policy tables are exported whole: nothing in them is withheld cell by cell
    private static Map<String, Long> zeroWithheld() {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        io.dataexporter.classification.plan.TablePlan.WITHHELD_REASONS.forEach(reason -> counts.put(reason, 0L));
        return counts;
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        return runnable -> {
            Thread thread = new Thread(runnable, "export-table");
            thread.setDaemon(true);
            return thread;
        };
    }
}
