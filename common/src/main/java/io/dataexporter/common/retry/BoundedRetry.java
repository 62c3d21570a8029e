package io.dataexporter.common.retry;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Retries a call through an outage ({@link #isOutage}) with exponential backoff (1 s, 2 s, 4 s, ... at most 15 s apart)
 * until it succeeds or a time budget is spent; then the last failure is thrown, wrapped in {@link RetriesExhausted}.
 * Any other failure (a missing table, bad SQL, a refused password) is thrown at once: no retry mends it. For
 * control-database writes and the reads at start, which a failover of 30 to 120 s must not turn into a failed run.
 * Clock and sleeping are injected.
 */
public final class BoundedRetry {

    /** A call that may fail. */
    public interface Call<T> {
        T call() throws Exception;
    }

    static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(15));

    private final Duration budget;
    private final Retry retry;
    private final Consumer<String> log;

    public BoundedRetry(Duration budget, Clock clock, Sleeper sleeper, Consumer<String> log) {
        this.budget = budget;
        this.retry = Retry.within(budget, BACKOFF, BoundedRetry::isOutage, clock, sleeper);
        this.log = log;
    }

    /** With the system clock, real sleeping, and failed tries reported to {@code log}. */
    public static BoundedRetry of(Duration budget, Consumer<String> log) {
        return new BoundedRetry(budget, Clock.systemUTC(), Sleeper.REAL, log);
    }

    /** The call's result; each outage before the budget is spent is reported and retried, the last is thrown. */
    public <T> T call(String what, Call<T> call) {
        try {
            return retry.call(call::call, (attempt, failure, delay) -> log.accept(what + " failed (try " + attempt + "), retrying in "
                    + delay.toSeconds() + " s: " + failure.getMessage()));
        } catch (Retry.Exhausted e) {
            throw new RetriesExhausted(what + " failed " + e.attempts() + (e.attempts() == 1 ? " time" : " times") + " within " + budget.toSeconds()
                    + " s: " + e.getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetriesExhausted("Interrupted while waiting to retry", e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(what + " failed: " + e.getMessage(), e);
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

    /** Every try within the budget failed; the message names what and the last cause. */
    public static final class RetriesExhausted extends RuntimeException {
        public RetriesExhausted(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
