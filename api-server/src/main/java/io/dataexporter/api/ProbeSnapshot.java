package io.dataexporter.api;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * What {@code /readyz} and the gauges of {@code /metrics} report, refreshed by a thread of its own every few seconds:
 * the probes never query the control database themselves, so they answer at once however many call and whatever the
 * database does. Readiness goes only after {@link #FAILURES_BEFORE_UNREADY} refreshes in a row found the database not
 * answering, so a blip does not take every replica out of the Service at once; until the first answer it is not ready.
 */
final class ProbeSnapshot implements AutoCloseable {

    static final long REFRESH_SECONDS = 5;
    static final int FAILURES_BEFORE_UNREADY = 3;

    private final BooleanSupplier answers;
    private final LongSupplier running;
    private final LongSupplier queued;
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "probe-snapshot");
        thread.setDaemon(true);
        return thread;
    });
    private volatile int failuresInARow = FAILURES_BEFORE_UNREADY;
    private volatile long runningValue = -1;
    private volatile long queuedValue = -1;

    ProbeSnapshot(BooleanSupplier answers, LongSupplier running, LongSupplier queued) {
        this.answers = answers;
        this.running = running;
        this.queued = queued;
        refresh();
        refresher.scheduleWithFixedDelay(this::refresh, REFRESH_SECONDS, REFRESH_SECONDS, TimeUnit.SECONDS);
    }

    void refresh() {
        try {
            if (answers.getAsBoolean()) {
                runningValue = running.getAsLong();
                queuedValue = queued.getAsLong();
                failuresInARow = 0;
                return;
            }
        } catch (RuntimeException e) {
            // counted below
        }
        failuresInARow = Math.min(failuresInARow + 1, FAILURES_BEFORE_UNREADY);
    }

    boolean ready() {
        return failuresInARow < FAILURES_BEFORE_UNREADY;
    }

    /** The last value read; the gauge shows NaN until one was. */
    long running() {
        return value(runningValue);
    }

    long queued() {
        return value(queuedValue);
    }

    private static long value(long value) {
        if (value < 0) {
            throw new IllegalStateException("not read yet");
        }
        return value;
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
