package io.dataexporter.cli;

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

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file of settings (see README: Configuration).")
    Path configFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ExportConfig config = ExportConfig.read(ConfigLoader.forCommand(null, Map.of(), System.getenv(), configFile, stackDirectory.directory));
        if (requestId != null) {
            Optional<RangeRequest> request = new JdbcRequestStore(config.control()::connect).find(requestId);
            out.println(request.map(r -> r.id() + "  " + r.status().text() + "  " + r.progress() + "%  [" + r.startTime() + ", " + r.endTime() + ")"
                    + r.launcherRef().map(ref -> "  " + ref).orElse("") + r.error().map(e -> "\n  error: " + e).orElse(""))
                    .orElse(requestId + "  Request has not been requested"));
            out.flush();
            return 0;
        }
        LocalDate day = date != null ? date : io.dataexporter.jobs.export.ExportDay.yesterday(Clock.systemUTC()).date();
        out.printf("%-44s %-18s %7s %-11s %10s %6s %12s %9s  %s%n", "run", "table", "attempt", "status", "rows", "files", "bytes", "ms", "error");
        for (JobStatus s : new JdbcJobStatusStore(config.control()).forDate(day)) {
            out.printf("%-44s %-18s %7d %-11s %10s %6s %12s %9s  %s%n", s.runId(), s.table(), s.attempt(), s.status(), blank(s.rows()), blank(s.files()),
                    blank(s.bytes()), blank(s.durationMs()), s.errorCode() == null ? "" : s.errorCode() + ": " + s.errorMessage());
        }
        out.flush();
        return 0;
    }

    private static String blank(Object value) {
        return value == null ? "" : String.valueOf(value);
    }
}
