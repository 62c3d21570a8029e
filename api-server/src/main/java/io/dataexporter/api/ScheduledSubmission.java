package io.dataexporter.api;

import io.dataexporter.api.launch.Launcher;
import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * {@code submit-scheduled}: what the 01:00 Australia/Melbourne schedule runs. Submits the scheduled export through the
 * configured launcher (an EMR step or an EMR Serverless job run: the same code the API launches range exports with),
 * waits for it to end, and exits 0 only when it succeeded. {@code --dry-run} prints the request and sends nothing.
 */
final class ScheduledSubmission {

    static final int EXIT_EXPORT_FAILED = 5;
    static final int EXIT_BAD_ARGUMENTS = 2;

    private ScheduledSubmission() {
    }

    static int run(List<String> args, Launcher launcher, PrintStream out, Duration poll, Duration timeout) throws InterruptedException {
        Optional<LocalDate> date = Optional.empty();
        boolean dryRun = false;
        boolean wait = true;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--dry-run" -> dryRun = true;
                case "--no-wait" -> wait = false;
                case "--date" -> {
                    if (i + 1 >= args.size() || !args.get(i + 1).matches("\\d{4}-\\d{2}-\\d{2}")) {
                        out.println("submit-scheduled: --date needs a day as YYYY-MM-DD (the Melbourne day to export; default: yesterday)");
                        return EXIT_BAD_ARGUMENTS;
                    }
                    date = Optional.of(LocalDate.parse(args.get(++i)));
                }
                default -> {
                    out.println("submit-scheduled: unknown option '" + args.get(i) + "'; use [--date YYYY-MM-DD] [--dry-run] [--no-wait]");
                    return EXIT_BAD_ARGUMENTS;
                }
            }
        }
        if (dryRun) {
            out.println(launcher.describeScheduled(date));
            return 0;
        }
        String reference = launcher.launchScheduled(date);
        out.println("Submitted the scheduled export for " + date.map(Object::toString).orElse("yesterday") + ": " + reference);
        if (!wait) {
            return 0;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Launcher.State state = launcher.state(reference);
        while (!state.ended() && System.nanoTime() < deadline) {
            Thread.sleep(poll.toMillis());
            state = launcher.state(reference);
        }
        out.println(reference + ": " + state);
        return state == Launcher.State.SUCCEEDED ? 0 : EXIT_EXPORT_FAILED;
    }
}
