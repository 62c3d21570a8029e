package io.dataexporter.cli;

import io.dataexporter.common.config.StackNotRunningException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/data-exporter}: the operator's command line. Each subcommand has {@code --help}. */
@Command(
        name = "data-exporter",
        mixinStandardHelpOptions = true,
        version = "Data Exporter 0.1.0",
        description = "Exports the warehouse's pm_internal schema as classified, PII-free Parquet on S3.",
        subcommands = {StackCommand.class, SeedCommand.class, PlanCommand.class, io.dataexporter.jobs.export.ScheduledExport.class, io.dataexporter.jobs.range.RangeExport.class, SqlCommand.class, ServeCommand.class, StatusCommand.class, MigrateCommand.class, DemoCommand.class, io.dataexporter.cli.bench.BenchCommand.class, CommandLine.HelpCommand.class})
public final class DataExporterCli {

    public static void main(String[] args) {
        // The embedded servers keep non-daemon threads; the exit code is the command's.
        System.exit(run(args));
    }

    static int run(String... args) {
        CommandLine commandLine = new CommandLine(new DataExporterCli());
        commandLine.setExecutionExceptionHandler(DataExporterCli::reportFailure);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        return commandLine.execute(args);
    }

    // Expected failures (bad input, no stack) print their message, which names the value and the fix; no stack trace.
    private static int reportFailure(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        if (e instanceof IllegalArgumentException || e instanceof StackNotRunningException) {
            commandLine.getErr().println(commandLine.getColorScheme().errorText("data-exporter: " + e.getMessage()));
            return e instanceof IllegalArgumentException ? 2 : 3;
        }
        commandLine.getErr().println(commandLine.getColorScheme().errorText("data-exporter: " + e));
        e.printStackTrace(commandLine.getErr());
        return 1;
    }
}
