package io.dataexporter.common.retry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The project's one retry loop: tries a call until it succeeds, fails in a way {@code retryable} does not accept (thrown
 * at once), or runs out of tries or of time (then {@link Exhausted} carries the last failure); between tries it waits
 * as the {@link Backoff} says and tells a {@link Listener}. Clock and sleeping are injected.
 */
public final class Retry {

    /** A call that may fail. */
    public interface Call<T> {
        T call() throws Exception;
    }

    /** Told before each wait: which try failed, how, and how long until the next. */
    public interface Listener {
        void retrying(int attempt, Exception failure, Duration delay);
    }

    private final int maxAttempts;
    private final Optional<Duration> budget;
    private final Backoff backoff;
    private final Predicate<Exception> retryable;
    private final Clock clock;
    private final Sleeper sleeper;

    private Retry(int maxAttempts, Optional<Duration> budget, Backoff backoff, Predicate<Exception> retryable, Clock clock, Sleeper sleeper) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("A retry needs at least one attempt, not " + maxAttempts);
        }
        budget.filter(Duration::isNegative).ifPresent(negative -> {
            throw new IllegalArgumentException("A retry budget cannot be negative: " + negative);
        });
        this.maxAttempts = maxAttempts;
        this.budget = budget;
        this.backoff = backoff;
        this.retryable = retryable;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** At most {@code maxAttempts} tries. */
    public static Retry attempts(int maxAttempts, Backoff backoff, Predicate<Exception> retryable, Sleeper sleeper) {
        return new Retry(maxAttempts, Optional.empty(), backoff, retryable, Clock.systemUTC(), sleeper);
    }

    /** Tries while the next one would start within {@code budget} of the first. */
    public static Retry within(Duration budget, Backoff backoff, Predicate<Exception> retryable, Clock clock, Sleeper sleeper) {
        return new Retry(Integer.MAX_VALUE, Optional.of(budget), backoff, retryable, clock, sleeper);
    }

    public <T> T call(Call<T> call, Listener listener) throws Exception {
        Instant deadline = budget.map(clock.instant()::plus).orElse(Instant.MAX);
        for (int attempt = 1; ; attempt++) {
            try {
                return call.call();
            } catch (Exception e) {
                if (!retryable.test(e)) {
                    throw e;
                }
                Duration delay = backoff.after(attempt);
                if (attempt >= maxAttempts || !clock.instant().plus(delay).isBefore(deadline)) {
                    throw new Exhausted(attempt, e);
                }
                listener.retrying(attempt, e, delay);
                sleeper.sleep(delay);
            }
        }
    }

    /** Every try failed; the cause is the last failure. */
    public static final class Exhausted extends Exception {
        private final int attempts;

        Exhausted(int attempts, Exception last) {
            super(last.getMessage(), last);
            this.attempts = attempts;
        }

        public int attempts() {
            return attempts;
        }
    }
}
