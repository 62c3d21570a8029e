package io.dataexporter.jobs.export;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;

/** The {@code export} command run in a test JVM, on its session and with the given environment, for tests outside this package. */
public final class ScheduledExportCommand {

    /** What a run printed, and its exit code. */
    public record Outcome(int exitCode, String output) {
    }

    private ScheduledExportCommand() {
    }

    public static Outcome run(SparkSession session, Map<String, String> environment, String... args) {
        ScheduledExport command = new ScheduledExport();
        command.session = session;
        command.environment = environment;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        command.out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        StringWriter errors = new StringWriter();
        CommandLine commandLine = new CommandLine(command);
        commandLine.setErr(new PrintWriter(errors));
        int exit = commandLine.execute(args);
        return new Outcome(exit, buffer.toString(StandardCharsets.UTF_8) + errors);
    }
}
