package io.dataexporter.api;

import io.dataexporter.common.retry.Backoff;
import io.dataexporter.common.retry.Retry;
import io.dataexporter.common.retry.Sleeper;
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
 * The day is fixed here, when the step is submitted ({@code --date}, default yesterday in Melbourne), so a step that
 * starts after midnight still exports it. A call that fails for a reason that passes (a throttled call, a dropped
 * connection, a 5xx) is tried again: the launch re-finds a step it added before adding one, and the wait keeps polling.
 */
final class ScheduledSubmission {

    static final int EXIT_EXPORT_FAILED = 5;
    static final int EXIT_BAD_ARGUMENTS = 2;

    private ScheduledSubmission() {
    }

    static final java.time.ZoneId MELBOURNE = java.time.ZoneId.of("Australia/Melbourne");
    static final int LAUNCH_ATTEMPTS = 5;

    static int run(List<String> args, Launcher launcher, PrintStream out, Duration poll, Duration timeout, java.time.Clock clock)
            throws InterruptedException {
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
        LocalDate day = date.orElseGet(() -> LocalDate.now(clock.withZone(MELBOURNE)).minusDays(1));
        if (dryRun) {
            out.println(launcher.describeScheduled(day));
            return 0;
        }
        Retry launching = Retry.attempts(LAUNCH_ATTEMPTS, new Backoff(poll, poll.multipliedBy(1L << LAUNCH_ATTEMPTS)),
                e -> e instanceof RuntimeException runtime && passing(runtime), Sleeper.REAL);
        String reference;
        try {
            reference = launching.call(() -> launcher.launchScheduled(day), (attempt, e, delay) -> out.println("Submitting the scheduled export for "
                    + day + " failed (attempt " + attempt + " of " + LAUNCH_ATTEMPTS + "): " + e.getMessage() + "; trying again"));
        } catch (Retry.Exhausted e) {
            throw (RuntimeException) e.getCause();
        } catch (RuntimeException | InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        out.println("Submitted the scheduled export for " + day + ": " + reference);
        if (!wait) {
            return 0;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Launcher.State state = Launcher.State.RUNNING;
        while (System.nanoTime() < deadline) {
            try {
                state = launcher.state(reference);
            } catch (RuntimeException e) {
                if (!passing(e)) {
                    throw e;
                }
                out.println("Checking " + reference + " failed: " + e.getMessage() + "; checking again");
            }
            if (state.ended()) {
                break;
            }
            Thread.sleep(poll.toMillis());
        }
        out.println(reference + ": " + state);
        return state == Launcher.State.SUCCEEDED ? 0 : EXIT_EXPORT_FAILED;
    }

    // what passes by itself: the SDK could not reach the service, or the service throttled or failed on its side
    static boolean passing(RuntimeException e) {
        if (e instanceof software.amazon.awssdk.awscore.exception.AwsServiceException service) {
            return service.isThrottlingException() || service.statusCode() >= 500;
        }
        return e instanceof software.amazon.awssdk.core.exception.SdkClientException;
    }
}
