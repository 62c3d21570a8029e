package io.dataexporter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataexporter.common.range.JdbcRequestStore;
import io.dataexporter.common.range.RangeRequest;
import io.dataexporter.jobs.config.ConfigLoader;
import io.dataexporter.jobs.config.ExportConfig;
import io.dataexporter.jobs.status.JdbcJobStatusStore;
import io.dataexporter.jobs.status.JobStatus;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Prints statuses from the control tables: the scheduled export's attempts for a date, or one on-demand request.")
final class StatusCommand implements Callable<Integer> {

    @Mixin
    StackDirectory stackDirectory;

    @Option(names = "--date", paramLabel = "D", description = "Scheduled-export date (default: yesterday in Australia/Melbourne).")
    LocalDate date;

    @Option(names = "--request-id", paramLabel = "ID", description = "An on-demand request instead.")
    UUID requestId;

    @Option(names = "--policy", description = {"With --date: the day's policy report from its manifest instead: per table the cells withheld by",
        "reason and the governance findings with their fixes."})
    boolean policy;

    @Option(names = "--env", paramLabel = "E", description = "Environment of the manifest --policy reads (default: setting export.env, else 'local').")
    String env;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file of settings (see README: Configuration).")
    Path configFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ExportConfig config = ExportConfig.read(ConfigLoader.forCommand(env, Map.of(), System.getenv(), configFile, stackDirectory.directory));
        if (requestId != null) {
            Optional<RangeRequest> request = new JdbcRequestStore(config.control()::connect).find(requestId);
            out.println(request.map(r -> r.id() + "  " + r.status().text() + "  " + r.progress() + "%  [" + r.startTime() + ", " + r.endTime() + ")"
                    + r.launcherRef().map(ref -> "  " + ref).orElse("") + r.error().map(e -> "\n  error: " + e).orElse(""))
                    .orElse(requestId + "  Request has not been requested"));
            out.flush();
            return 0;
        }
        LocalDate day = date != null ? date : io.dataexporter.jobs.export.ExportDay.yesterday(Clock.systemUTC()).date();
        if (policy) {
            return printPolicyReport(out, config, day);
        }
        out.printf("%-44s %-18s %7s %-11s %10s %6s %12s %9s  %s%n", "run", "table", "attempt", "status", "rows", "files", "bytes", "ms", "error");
        for (JobStatus s : new JdbcJobStatusStore(config.control()).forDate(day)) {
            out.printf("%-44s %-18s %7d %-11s %10s %6s %12s %9s  %s%n", s.runId(), s.table(), s.attempt(), s.status(), blank(s.rows()), blank(s.files()),
                    blank(s.bytes()), blank(s.durationMs()), s.errorCode() == null ? "" : s.errorCode() + ": " + s.errorMessage());
        }
        out.flush();
        return 0;
    }

    // The day's manifest, as the export wrote it: withheld cells by reason and the findings, per table.
    private static int printPolicyReport(PrintWriter out, ExportConfig config, LocalDate day) {
        org.apache.hadoop.conf.Configuration hadoop = new org.apache.hadoop.conf.Configuration();
        io.dataexporter.jobs.iceberg.S3aSettings.apply(hadoop, config.s3());
        String root = config.exportRoot().map(r -> r.replaceAll("/+$", "")).orElse("s3a://" + config.s3().bucket() + "/" + config.env());
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(new io.dataexporter.jobs.export.ManifestStore(hadoop, root)
                .location(new io.dataexporter.jobs.export.ExportDay(day)));
        JsonNode manifest;
        try (java.io.InputStream in = path.getFileSystem(hadoop).open(path)) {
            manifest = new com.fasterxml.jackson.databind.ObjectMapper().readTree(in);
        } catch (java.io.FileNotFoundException e) {
            out.println("No manifest at " + path + ": the day has not been exported in environment " + config.env() + " (give --env)");
            out.flush();
            return 1;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot read " + path + ": " + e.getMessage(), e);
        }
        long findings = manifest.path("findings").asLong();
        JsonNode previous = manifest.path("findings_compared_with");
        out.println(day + " " + manifest.path("status").asText() + ", policy report: " + (findings == 0 ? "no findings" : findings + " finding(s), "
                + manifest.path("new_findings").asLong() + " new" + (previous.isTextual() ? " since " + previous.asText() : " (no previous run)"))
                + (manifest.path("attention").asBoolean() ? ": attention" : ""));
        manifest.path("tables").fields().forEachRemaining(table -> {
            com.fasterxml.jackson.databind.JsonNode cells = table.getValue().path("withheld_cells");
            StringBuilder withheld = new StringBuilder();
            cells.fields().forEachRemaining(reason -> withheld.append(withheld.length() == 0 ? "" : ", ").append(reason.getKey()).append(' ')
                    .append(reason.getValue().asLong()));
            StringBuilder filtered = new StringBuilder();
            table.getValue().path("filtered_rows").fields().forEachRemaining(reason -> filtered.append(filtered.length() == 0 ? "" : ", ")
                    .append(reason.getKey()).append(' ').append(reason.getValue().asLong()));
            out.println(table.getKey() + ": withheld cells " + (cells.isObject() ? withheld : "not counted")
                    + (filtered.length() == 0 ? "" : "; filtered rows " + filtered));
            for (com.fasterxml.jackson.databind.JsonNode finding : table.getValue().path("policy_findings")) {
                out.println("  " + (finding.path("new").asBoolean() ? "new: " : "") + finding.path("kind").asText() + ": " + finding.path("detail").asText());
                out.println("    fix: " + finding.path("fix").asText());
            }
        });
        out.flush();
        return 0;
    }

    private static String blank(Object value) {
        return value == null ? "" : String.valueOf(value);
    }
}
