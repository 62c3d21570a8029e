package io.dataexporter.common.retry;

import java.time.Duration;

/** Waits between tries; tests pass one that only records. */
@FunctionalInterface
public interface Sleeper {

    /** Sleeps on the calling thread. */
    Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
