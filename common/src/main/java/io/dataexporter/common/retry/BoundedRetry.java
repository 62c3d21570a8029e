package io.dataexporter.common.retry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Retries a call through an outage ({@link #isOutage}) with exponential backoff (1 s, 2 s, 4 s, ... at most 15 s apart)
 * until it succeeds or a time budget is spent; then the last failure is thrown, wrapped in {@link RetriesExhausted}.
 * Any other failure (a missing table, bad SQL, a refused password) is thrown at once: no retry mends it. For
 * control-database writes and the reads at start, which a failover of 30 to 120 s must not turn into a failed run.
 * Clock and sleeping are injected.
 */
public final class BoundedRetry {

    /** Sleeps between tries; tests pass one that only records. */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** A call that may fail. */
    public interface Call<T> {
        T call() throws Exception;
    }

    static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    static final Duration MAX_DELAY = Duration.ofSeconds(15);

    private final Duration budget;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Consumer<String> log;

    public BoundedRetry(Duration budget, Clock clock, Sleeper sleeper, Consumer<String> log) {
        if (budget.isNegative()) {
            throw new IllegalArgumentException("A retry budget cannot be negative: " + budget);
        }
        this.budget = budget;
        this.clock = clock;
        this.sleeper = sleeper;
        this.log = log;
    }

    /** With the system clock, real sleeping, and failed tries reported to {@code log}. */
    public static BoundedRetry of(Duration budget, Consumer<String> log) {
        return new BoundedRetry(budget, Clock.systemUTC(), duration -> Thread.sleep(duration.toMillis()), log);
    }

    /** The call's result; each outage before the budget is spent is reported and retried, the last is thrown. */
    public <T> T call(String what, Call<T> call) {
        Instant deadline = clock.instant().plus(budget);
        Duration delay = FIRST_DELAY;
        for (int attempt = 1; ; attempt++) {
            try {
                return call.call();
            } catch (Exception e) {
                if (!isOutage(e)) {
                    throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(what + " failed: " + e.getMessage(), e);
                }
                Instant now = clock.instant();
                if (!now.plus(delay).isBefore(deadline)) {
                    throw new RetriesExhausted(what + " failed " + attempt + (attempt == 1 ? " time" : " times") + " within " + budget.toSeconds()
                            + " s: " + e.getMessage(), e);
                }
                log.accept(what + " failed (try " + attempt + "), retrying in " + delay.toSeconds() + " s: " + e.getMessage());
                sleep(delay);
                delay = delay.multipliedBy(2).compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay.multipliedBy(2);
            }
        }
    }

    /**
     * Whether a failure is the kind an outage causes (the database or server did not answer, refused, or dropped the
     * connection), as opposed to one that a retry cannot mend (a missing table, bad SQL, a refused password).
     */
    public static boolean isOutage(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof java.net.SocketTimeoutException || t instanceof java.net.ConnectException || t instanceof java.net.SocketException
                    || t instanceof java.io.EOFException || t instanceof java.sql.SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null && (sql.getSQLState().startsWith("08")
                    || sql.getSQLState().equals("57P01") || sql.getSQLState().equals("57P03"))) {
                return true;
            }
        }
        return false;
    }

    /** {@link #call} for a call without a result. */
    public void run(String what, Call<?> call) {
        call(what, call);
    }

    private void sleep(Duration delay) {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetriesExhausted("Interrupted while waiting to retry", e);
        }
    }

    /** Every try within the budget failed; the message names what and the last cause. */
    public static final class RetriesExhausted extends RuntimeException {
        public RetriesExhausted(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
