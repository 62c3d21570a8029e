package io.dataexporter.cli.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexporter.cli.StackDirectory;
import io.dataexporter.common.config.StackEndpoints;
import io.dataexporter.jobs.export.ScheduledExport;
import io.dataexporter.jobs.export.TableOutcome;
import io.dataexporter.jobs.iceberg.DataFileEntry;
import io.dataexporter.jobs.spark.SparkSessions;
import io.dataexporter.localstack.RunningStack;
import io.dataexporter.localstack.seed.SeedOptions;
import io.dataexporter.localstack.seed.SyntheticWarehouse;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench}: the export against baselines measured in the same run, on a running stack. Each measurement runs
 * once to warm up, then {@code --repeat} times; the median is reported. Prints a markdown table, writes JSON under
 * {@code target/bench/}, and ends with one {@code bench:} line of ratios.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measures the scheduled export of a generated wide table against (a) raw COPY extraction, (b) a plain Spark JDBC -> Parquet copy",
            "and (e) COPY -> DuckDB -> Parquet under the same policy; (c) writes to the local filesystem, (d) through s3a to the S3 server.",
            "Then where (c)'s time goes: (g) COPY of the export's own query, (j) its read and (h) read and transform into a no-op sink, and (c) with",
            "each treatment taken out of the policy (--treatments).",
            "Figures, not verdicts: ratios c/b, c/a, c/e, d/c; the last line is",
            "'bench: rows=N c/b=... c/a=... c/e=... d/c=... scan=... files=F heap_mb=H' (H: the most heap in use right after a garbage collection)."})
public final class BenchCommand implements Callable<Integer> {

    private static final LocalDate DAY = LocalDate.of(2026, 10, 4);
    static final String PEPPER = "bench-pepper-0123456789";

    @Mixin
    StackDirectory stackDirectory;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "2000000", description = "Rows of the wide table (default ${DEFAULT-VALUE}; up to 16000000).")
    long rows;

    @Option(names = "--repeat", paramLabel = "R", defaultValue = "3", description = "Timed runs per measurement after one warm-up (default ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--scale", description = "Also run (c) at N, 2N, 4N and 8N rows (at most 16000000) and print the time per row and the heap at each.")
    boolean scale;

    @Option(names = "--treatments", paramLabel = "T,...", split = ",", defaultValue = "hash,masking,scrubbing,round,mx,all",
            description = "The treatments the breakdown takes out of the policy, one export each: hash, masking, scrubbing, round, mx, all"
                    + " (default: ${DEFAULT-VALUE}).")
    List<String> treatments;

    @Option(names = "--profile", description = {"Also profile one run of (c) with Java Flight Recorder: the recording goes to target/bench/,",
        "and the top frames of the driver's and the executor's threads are printed."})
    boolean profile;

    @Option(names = "--api", description = "Instead: the latency of requestStatus over HTTP (p50, p95, p99) at 1, 50 and 200 concurrent clients,"
            + " for a completed request of 100 files.")
    boolean api;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (rows < 1000 || rows > 16_000_000) {
            throw new IllegalArgumentException("--rows " + rows + " is out of range; use 1000 to 16000000");
        }
        if (repeat < 1 || repeat > 20) {
            throw new IllegalArgumentException("--repeat " + repeat + " is out of range; use 1 to 20");
        }
        for (String treatment : treatments) {
            if (!BenchTable.WITHOUT.containsKey(treatment)) {
                throw new IllegalArgumentException("--treatments names '" + treatment + "'; use some of " + String.join(", ", BenchTable.TREATMENTS));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        StackEndpoints endpoints = RunningStack.find(stackDirectory.directory());
        if (api) {
            double p99 = io.dataexporter.cli.ApiLatencyBench.measure(stackDirectory.directory(), endpoints, out);
            out.printf(Locale.ROOT, "bench: api p99_ms_at_200=%.1f%n", p99);
            out.flush();
            return 0;
        }
        Instant start = DAY.atStartOfDay(SeedOptions.MELBOURNE).toInstant();
        Instant end = DAY.plusDays(1).atStartOfDay(SeedOptions.MELBOURNE).toInstant();
        Path work = Files.createDirectories(Path.of("target", "bench").toAbsolutePath());
        SparkSession spark = SparkSessions.local("data-exporter bench", Runtime.getRuntime().availableProcessors());
        try (Connection connection = connect(endpoints)) {
            if (!BenchTable.seeded(connection)) {
                out.println("The stack's warehouse has no policy tables yet; seeding it with the defaults first (as `seed` would).");
                SyntheticWarehouse.seed(connection, SeedOptions.defaults());
            }
            out.printf("Generating %,d rows of pm_internal.%s ...%n", rows, BenchTable.TABLE);
            out.flush();
            BenchTable.create(connection, rows, start, end);
            long bytes = Baselines.extractedBytes(connection, start, end);
            try (HeapWatch heap = new HeapWatch()) {
                Map<String, Measurement> results = new LinkedHashMap<>();
                results.put("a", median("(a) raw COPY extraction", () -> Baselines.rawCopy(connection, start, end), bytes));
                results.put("b", median("(b) plain Spark JDBC -> Parquet", () -> Baselines.plainCopy(spark, endpoints, start, end, work), bytes));
                List<DataFileEntry> files = new ArrayList<>();
                results.put("c", median("(c) export, local filesystem", () -> export(work, Map.of("spark.dataexporter.export.root",
                        work.resolve("export-c").toUri().toString()), files), bytes));
                results.put("d", median("(d) export, s3a to the S3 server", () -> export(work, Map.of(), new ArrayList<>()), bytes));
                results.put("e", median("(e) COPY -> DuckDB -> Parquet, same policy", () -> Baselines.duckDb(connection, start, end, work), bytes));
                // (c) includes the governance scan (drift and a content sample of each text column that leaves in clear)
                results.put("f", median("(f) export, local filesystem, without the content scan", () -> export(work, Map.of(
                        "spark.dataexporter.export.root", work.resolve("export-f").toUri().toString(), "spark.dataexporter.governance.scan-rows", "0"),
                        new ArrayList<>()), bytes));
                // where (c)'s time goes: the warehouse's side, the read, the transform, and (what remains) the write
                Breakdown parts = new Breakdown(spark, connection, endpoints, stackDirectory.directory(), start, end);
                results.put("g", median("(g) warehouse side: COPY of the export's own query", parts::warehouseSide, bytes));
                results.put("j", median("(j) the export's read, into a no-op sink", parts::read, bytes));
                results.put("h", median("(h) the export's read and transform, into a no-op sink", parts::readAndTransform, bytes));
                Map<String, Measurement> without = new LinkedHashMap<>();
                try {
                    for (String treatment : BenchTable.TREATMENTS.stream().filter(treatments::contains).toList()) {
                        BenchTable.policy(connection, treatment);
                        String label = BenchTable.WITHOUT.get(treatment).label();
                        without.put(label, median("(c) without " + label, () -> export(work, Map.of("spark.dataexporter.export.root",
                                work.resolve("export-without").toUri().toString()), new ArrayList<>()), bytes));
                    }
                } finally {
                    BenchTable.policy(connection, "");
                }
                Optional<Profile> profiled = Optional.empty();
                if (profile) {
                    Path recording = work.resolve("profile-" + Instant.now().toString().replace(":", "") + ".jfr");
                    out.println("  (c) once more, under Java Flight Recorder ...");
                    out.flush();
                    profiled = Optional.of(Profile.record(recording, () -> export(work, Map.of("spark.dataexporter.export.root",
                            work.resolve("export-profile").toUri().toString()), new ArrayList<>())));
                    out.println("Profile of (c): " + recording);
                    profiled.get().print(out);
                }
                List<ObjectNode> scaled = scale ? scaleCurve(out, connection, start, end, work, heap) : List.of();
                report(out, results, without, files, heap, work, profiled, scaled);
            }
        } finally {
            try (Connection connection = connect(endpoints)) {
                BenchTable.disable(connection);
            }
        }
        return 0;
    }

    private interface Timed {
        long run() throws Exception; // returns the nanoseconds the measured part took
    }

    private record Measurement(String label, double seconds, long rows, long bytes) {
        double rowsPerSecond() {
            return rows / seconds;
        }

        double megabytesPerSecond() {
            return bytes / seconds / 1_000_000.0;
        }
    }

    private Measurement median(String label, Timed timed, long bytes) throws Exception {
        spec.commandLine().getOut().println("  " + label + " ...");
        spec.commandLine().getOut().flush();
        timed.run();
        long[] runs = new long[repeat];
        for (int i = 0; i < repeat; i++) {
            runs[i] = timed.run();
        }
        Arrays.sort(runs);
        return new Measurement(label, runs[repeat / 2] / 1e9, rows, bytes);
    }

    private long export(Path work, Map<String, String> sparkConf, List<DataFileEntry> files) {
        sparkConf.forEach(System::setProperty);
        try {
            ScheduledExport export = new ScheduledExport();
            int exit = new CommandLine(export).execute("--date", DAY.toString(), "--tables", BenchTable.TABLE, "--env", "bench",
                    "--dir", stackDirectory.directory().toString());
            TableOutcome outcome = export.results().get(0).tables().stream().filter(t -> t.table().equals(BenchTable.TABLE)).findFirst().orElseThrow();
            if (exit != 0 && !outcome.completed()) {
                throw new IllegalStateException("The export of " + BenchTable.TABLE + " failed: " + outcome.errorDetail().orElse("?"));
            }
            files.clear();
            files.addAll(outcome.files());
            return outcome.durationMs() * 1_000_000L;
        } finally {
            sparkConf.keySet().forEach(System::clearProperty);
        }
    }

    private void report(PrintWriter out, Map<String, Measurement> results, Map<String, Measurement> without, List<DataFileEntry> files, HeapWatch heap,
                        Path work, Optional<Profile> profiled, List<ObjectNode> scaled) throws Exception {
        long heapMb = heap.afterGcMb();
        out.println();
        out.printf(Locale.ROOT, "| measurement | seconds | rows/s | MB/s |%n| --- | ---: | ---: | ---: |%n");
        results.values().forEach(m -> out.printf(Locale.ROOT, "| %s | %.2f | %,.0f | %.1f |%n", m.label(), m.seconds(), m.rowsPerSecond(),
                m.megabytesPerSecond()));
        double cb = results.get("c").rowsPerSecond() / results.get("b").rowsPerSecond();
        double ca = results.get("c").rowsPerSecond() / results.get("a").rowsPerSecond();
        double ce = results.get("c").rowsPerSecond() / results.get("e").rowsPerSecond();
        double dc = results.get("d").rowsPerSecond() / results.get("c").rowsPerSecond();
        double scan = results.get("c").seconds() / results.get("f").seconds();
        double c = results.get("c").seconds();
        Map<String, Double> parts = new LinkedHashMap<>();
        parts.put("warehouse: raw extraction (a)", results.get("a").seconds());
        parts.put("warehouse: the policy's SQL (g - a)", results.get("g").seconds() - results.get("a").seconds());
        parts.put("read: transfer and Spark's rows (j - g)", results.get("j").seconds() - results.get("g").seconds());
        parts.put("transform: treatments, scrubbing, keyed hash (h - j)", results.get("h").seconds() - results.get("j").seconds());
        parts.put("write: Parquet, Iceberg commit, manifest, governance scan (c - h)", c - results.get("h").seconds());
        out.println();
        out.printf(Locale.ROOT, "| where (c)'s time goes | seconds | share of (c) |%n| --- | ---: | ---: |%n");
        // the read runs in parallel partitions while the warehouse computes, so the parts overlap; each is a difference of medians
        parts.forEach((part, seconds) -> out.printf(Locale.ROOT, "| %s | %.2f | %.0f%% |%n", part, seconds, 100 * seconds / c));
        out.println();
        out.printf(Locale.ROOT, "| (c) without | seconds | the treatment's share of (c) |%n| --- | ---: | ---: |%n");
        without.forEach((treatment, m) -> out.printf(Locale.ROOT, "| %s | %.2f | %.0f%% |%n", treatment, m.seconds(), 100 * (c - m.seconds()) / c));
        out.println();
        out.printf(Locale.ROOT, "heap: at most %d MB in use right after a collection; limit (-Xmx) %d MB%n", heapMb, HeapWatch.maxMb());
        out.printf(Locale.ROOT, "governance scan: the export took %.2f times as long with the content scan (c) as without it (f)%n", scan);
        out.printf(Locale.ROOT, "ratios (rows/s): c/b=%.2f c/a=%.2f c/e=%.2f d/c=%.2f; (c) wrote %d files: %s%n", cb, ca, ce, dc,
                files.size(), files.stream().map(f -> String.format(Locale.ROOT, "%.1f MB", f.bytes() / 1e6)).toList());
        String line = String.format(Locale.ROOT, "bench: rows=%d c/b=%.2f c/a=%.2f c/e=%.2f d/c=%.2f scan=%.2f files=%d heap_mb=%d", rows, cb, ca, ce, dc,
                scan, files.size(), heapMb);
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("rows", rows).put("repeat", repeat).put("cores", Runtime.getRuntime().availableProcessors());
        ObjectNode measurements = json.putObject("measurements");
        results.forEach((key, m) -> measurements.putObject(key).put("label", m.label()).put("seconds", round(m.seconds(), 3))
                .put("rows_per_second", Math.round(m.rowsPerSecond())).put("mb_per_second", round(m.megabytesPerSecond(), 2)));
        ObjectNode breakdown = json.putObject("breakdown");
        parts.forEach((part, seconds) -> breakdown.put(part, round(seconds, 3)));
        ObjectNode withoutNode = json.putObject("without");
        without.forEach((treatment, m) -> withoutNode.putObject(treatment).put("seconds", round(m.seconds(), 3)).put("share", round((c - m.seconds()) / c, 3)));
        json.putArray("scale").addAll(scaled);
        profiled.ifPresent(p -> json.set("profile", p.json()));
        json.putObject("ratios").put("c_b", round(cb, 3)).put("c_a", round(ca, 3)).put("c_e", round(ce, 3)).put("d_c", round(dc, 3))
                .put("scan", round(scan, 3));
        json.put("files", files.size()).put("heap_mb", heapMb).put("heap_max_mb", HeapWatch.maxMb());
        Path file = work.resolve("bench-" + Instant.now().toString().replace(":", "") + ".json");
        Files.writeString(file, json + "\n");
        out.println("JSON: " + file);
        out.println(line);
        out.flush();
    }

    // Each step's JSON object: rows, seconds, microseconds per row, and the most heap in use after a collection during it.
    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    private List<ObjectNode> scaleCurve(PrintWriter out, Connection connection, Instant start, Instant end, Path work, HeapWatch heap) throws Exception {
        out.println();
        out.println("| rows | (c) seconds | microseconds per row | heap after GC, MB |");
        out.println("| ---: | ---: | ---: | ---: |");
        List<ObjectNode> steps = new ArrayList<>();
        java.util.Set<Long> done = new java.util.HashSet<>();
        for (long factor : List.of(1L, 2L, 4L, 8L)) {
            long n = Math.min(rows * factor, 16_000_000L);
            if (!done.add(n)) {
                continue;
            }
            BenchTable.create(connection, n, start, end);
            heap.stepMb();
            long nanos = export(work, Map.of("spark.dataexporter.export.root", work.resolve("export-scale").toUri().toString()), new ArrayList<>());
            long stepHeap = heap.stepMb();
            out.printf(Locale.ROOT, "| %,d | %.2f | %.3f | %d |%n", n, nanos / 1e9, nanos / 1e3 / n, stepHeap);
            out.flush();
            steps.add(JsonNodeFactory.instance.objectNode().put("rows", n).put("seconds", round(nanos / 1e9, 3)).put("us_per_row", round(nanos / 1e3 / n, 4))
                    .put("heap_mb", stepHeap));
        }
        return steps;
    }

    private static Connection connect(StackEndpoints endpoints) throws Exception {
        return DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.user(), endpoints.password());
    }
}
