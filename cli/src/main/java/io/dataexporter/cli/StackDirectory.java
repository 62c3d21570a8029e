package io.dataexporter.cli;

import io.dataexporter.localstack.StackSettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --dir} option that every subcommand shares: where the local stack keeps its data and {@code stack.properties}. */
public final class StackDirectory {

    @Option(names = "--dir", paramLabel = "D", defaultValue = ".data-exporter",
            description = "Directory of the local stack and its stack.properties (default: ${DEFAULT-VALUE}).")
    Path directory = StackSettings.DEFAULT_DIRECTORY;

    /** The stack directory given on the command line, or the default. */
    public Path directory() {
        return directory;
    }
}
