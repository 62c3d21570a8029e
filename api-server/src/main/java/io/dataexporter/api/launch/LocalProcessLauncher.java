package io.dataexporter.api.launch;

import io.dataexporter.common.range.RangeRequest;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the range export as a separate local process: the configured command (for example {@code java ... RangeExport})
 * followed by {@code --start S --end E --request-id ID}. Output goes to {@code logDirectory/{request id}.log}.
 */
public final class LocalProcessLauncher implements Launcher {

    private static final String PID_PREFIX = "local pid ";

    private final List<String> command;
    private final Path logDirectory;

    public LocalProcessLauncher(List<String> command, Path logDirectory) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("The local launcher needs a command that runs the range export");
        }
        this.command = List.copyOf(command);
        this.logDirectory = logDirectory;
    }

    @Override
    public String launch(RangeRequest request) {
        List<String> full = new ArrayList<>(command);
        full.addAll(List.of("--start", String.valueOf(request.startTime()), "--end", String.valueOf(request.endTime()),
                "--request-id", request.id().toString()));
        try {
            Files.createDirectories(logDirectory);
            File log = logDirectory.resolve(request.id() + ".log").toFile();
            Process process = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log).start();
            // the start time pins the process: a PID the system hands out again later is another process
            return PID_PREFIX + process.pid() + process.info().startInstant().map(start -> STARTED + start).orElse("");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the range export process " + full.get(0) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public State state(String launcherRef) {
        if (!launcherRef.startsWith(PID_PREFIX)) {
            return State.UNKNOWN;
        }
        return process(launcherRef).filter(ProcessHandle::isAlive).isPresent()
                ? State.RUNNING : State.FAILED; // a local process's exit code is not kept; ended counts as failed
    }

    @Override
    public String launchScheduled(java.time.LocalDate date) {
        throw new UnsupportedOperationException("The local launcher runs range exports only; run 'bin/data-exporter export' for a day");
    }

    @Override
    public String describeScheduled(java.time.LocalDate date) {
        throw new UnsupportedOperationException("The local launcher runs range exports only; run 'bin/data-exporter export' for a day");
    }

    @Override
    public void cancel(String launcherRef) {
        if (launcherRef.startsWith(PID_PREFIX)) {
            process(launcherRef).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private static final String STARTED = " started ";

    // the process a reference names, if it still is the one that was started (same PID and the same start time)
    static java.util.Optional<ProcessHandle> process(String launcherRef) {
        String rest = launcherRef.substring(PID_PREFIX.length());
        int started = rest.indexOf(STARTED);
        long pid = Long.parseLong(started < 0 ? rest : rest.substring(0, started));
        java.util.Optional<java.time.Instant> start = started < 0 ? java.util.Optional.empty()
                : java.util.Optional.of(java.time.Instant.parse(rest.substring(started + STARTED.length())));
        return ProcessHandle.of(pid).filter(handle -> start.isEmpty() || handle.info().startInstant().equals(start));
    }
}
