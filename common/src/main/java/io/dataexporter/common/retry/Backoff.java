package io.dataexporter.common.retry;

import java.time.Duration;

/** Exponential backoff: {@code first} before the second try, doubling after each further failure, never more than {@code max}. */
public record Backoff(Duration first, Duration max) {

    public Backoff {
        if (first.isNegative() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("A backoff needs 0 <= first <= max, not first " + first + " and max " + max);
        }
    }

    /** The wait after the given failed try (1 for the first). */
    public Duration after(int attempt) {
        Duration delay = first;
        for (int i = 1; i < attempt && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
