package io.dataexporter.cli;

import io.dataexporter.common.config.StackEndpoints;
import io.dataexporter.jobs.export.RunSummary;
import io.dataexporter.jobs.export.ScheduledExport;
import io.dataexporter.localstack.LocalStack;
import io.dataexporter.localstack.StackSettings;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {
            "Brings the local stack up (or uses the one running in D), seeds the synthetic warehouse, exports one synthetic day, starts the API server",
            "and prints a summary, a GraphiQL link and a curl sequence to try.",
            "A stack it started keeps running until Ctrl-C, so that psql and the other subcommands can use it."})
final class DemoCommand implements Callable<Integer> {

    @Mixin
    StackDirectory stackDirectory;

    @Mixin
    SeedCommand.SeedArguments seedArguments;

    @Option(names = "--verbose", description = "Print each run's whole notification (JSON) to the log, even on a terminal.")
    boolean verbose;

    @Option(names = "--no-wait", description = "Stop a stack that the demo started once it has printed its summary, instead of waiting for Ctrl-C.")
    boolean noWait;

    @Option(names = "--warehouse", paramLabel = "W", description = {"Where the export reads: jdbc (default), or redshift-emulated: through the",
        "spark-redshift connector and the local stack's emulated Redshift, as on EMR."})
    String warehouse;

    @Option(names = "--api-port", paramLabel = "P", defaultValue = "8080", description = "Port of the API server the demo starts (default ${DEFAULT-VALUE}).")
    int apiPort;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (verbose) {
            System.setProperty(io.dataexporter.jobs.notify.LogNotifier.VERBOSE_PROPERTY, "true");
        }
        PrintWriter out = spec.commandLine().getOut();
        StackSettings settings = StackSettings.defaults(stackDirectory.directory);
        StackSession session = StackSession.useOrStart(stackDirectory.directory, out);
        StackEndpoints endpoints = session.endpoints();
        try {
            StackSummary.print(out, settings, endpoints);
            out.println();
            SeedCommand.SeedArguments.seedAndPrint(out, endpoints, seedArguments.toOptions());
            out.println();
            String day = seedArguments.toOptions().around().toString();
            out.println("Exporting " + day + " (Australia/Melbourne) with the scheduled export ...");
            out.flush();
            ScheduledExport export = new ScheduledExport();
            List<String> arguments = new ArrayList<>(List.of("--date", day, "--dir", stackDirectory.directory.toString()));
            if (warehouse != null) {
                arguments.addAll(List.of("--warehouse", warehouse));
            }
            int exit = new CommandLine(export).execute(arguments.toArray(String[]::new));
            export.results().forEach(run -> RunSummary.print(out, run));
            if (exit != 0) {
                out.println("The export did not complete every table (exit code " + exit + "); see above.");
            }
            out.println();
            out.println("Try next:");
            out.println("  " + StackSummary.psql(endpoints) + " -c 'SELECT source, count(*) FROM pm_internal.way_speed GROUP BY 1'");
            out.println("  " + StackSummary.psql(endpoints) + " -c 'TABLE de_config.data_column_classification'");
            out.println("  bin/data-exporter sql \"SELECT source, count(*), avg(speed_kph) FROM way_speed WHERE export_date = DATE'" + day + "' GROUP BY source\"");
            out.println("  bin/data-exporter plan --table cctv_event");
            out.flush();
            try (io.dataexporter.api.ApiApplication api = ServeCommand.start(stackDirectory.directory, null, apiPort, "127.0.0.1", warehouse)) {
                ApiWalkthrough.print(out, stackDirectory.directory, api.port(), seedArguments.toOptions().around());
                if (!noWait) {
                    out.println("Stack and API server are running. Press Ctrl-C to stop them.");
                    out.flush();
                    java.util.Optional<LocalStack> started = session.takeStarted();
                    if (started.isPresent()) {
                        StackCommand.awaitInterrupt(started.get());
                    } else {
                        new java.util.concurrent.CountDownLatch(1).await();
                    }
                }
            }
        } finally {
            session.close();
        }
        return 0;
    }
}
