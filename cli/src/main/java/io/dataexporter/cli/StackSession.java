package io.dataexporter.cli;

import io.dataexporter.common.config.StackEndpoints;
import io.dataexporter.common.config.StackNotRunningException;
import io.dataexporter.localstack.LocalStack;
import io.dataexporter.localstack.RunningStack;
import io.dataexporter.localstack.StackSettings;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * The local stack a command works on: the one running in the directory, or one this command starts on the same
 * directory (its data survives from earlier runs) and stops when done.
 */
final class StackSession implements AutoCloseable {

    private LocalStack started;
    private final StackEndpoints endpoints;

    private StackSession(LocalStack started, StackEndpoints endpoints) {
        this.started = started;
        this.endpoints = endpoints;
    }

    static StackSession useOrStart(Path directory, PrintWriter out) {
        StackSettings settings = StackSettings.defaults(directory);
        try {
            StackEndpoints running = RunningStack.find(directory);
            out.println("Using the stack already running in " + settings.directory().toAbsolutePath());
            return new StackSession(null, running);
        } catch (StackNotRunningException notRunning) {
            out.println("Starting the local stack in " + settings.directory().toAbsolutePath() + " ...");
            out.flush();
            LocalStack stack = LocalStack.start(settings, false);
            return new StackSession(stack, stack.endpoints());
        }
    }

    StackEndpoints endpoints() {
        return endpoints;
    }

    /** Hands the stack this command started over to the caller (who keeps it running); empty if it was already running. */
    java.util.Optional<LocalStack> takeStarted() {
        java.util.Optional<LocalStack> stack = java.util.Optional.ofNullable(started);
        started = null;
        return stack;
    }

    @Override
    public void close() {
        if (started != null) {
            started.close();
        }
    }
}
