package io.dataexporter.jobs.range;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;

/** The {@code range-export} job run in a test JVM, on its session, for tests outside this package (settings through --config). */
public final class RangeExportCommand {

    private RangeExportCommand() {
    }

    /** Runs the job; returns what it printed and, on its last line, its exit code. */
    public static String run(SparkSession session, String... args) {
        RangeExport command = new RangeExport();
        command.session = session;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        command.out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        StringWriter errors = new StringWriter();
        CommandLine commandLine = new CommandLine(command);
        commandLine.setErr(new PrintWriter(errors));
        int exit = commandLine.execute(args);
        return buffer.toString(StandardCharsets.UTF_8) + errors + "exit " + exit;
    }
}
