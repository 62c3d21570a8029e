package io.dataexporter.cli;

import io.dataexporter.common.control.ControlMigrations;
import io.dataexporter.jobs.config.ConfigLoader;
import io.dataexporter.jobs.config.ExportConfig;
import io.dataexporter.jobs.config.JdbcTarget;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Brings the control database's schema de_internal up to date (versioned migrations: never drops anything, runs again as a",
            "no-op, touches no other schema). The database is control.jdbc.url (default: the warehouse's)."})
final class MigrateCommand implements Callable<Integer> {

    @Mixin
    StackDirectory stackDirectory;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file of settings (see README: Configuration).")
    Path configFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        JdbcTarget control = ExportConfig.read(ConfigLoader.forCommand(null, Map.of(), System.getenv(), configFile, stackDirectory.directory)).control();
        ControlMigrations.Outcome outcome = ControlMigrations.migrate(control.url(), control.user(), control.password());
        out.println("Control " + control.describe() + ": " + outcome.applied() + " migration(s) applied, schema de_internal at version " + outcome.version());
        out.flush();
        return 0;
    }
}
