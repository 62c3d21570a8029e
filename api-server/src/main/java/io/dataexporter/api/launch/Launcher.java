package io.dataexporter.api.launch;

import io.dataexporter.common.range.RangeRequest;

/** Starts the range export of a request somewhere (a local process, an EMR step, EMR Serverless). */
public interface Launcher {

    /** Starts the export; returns a reference to what was started (process id, step id, job run id). */
    String launch(RangeRequest request);

    /** Stops what {@link #launch} started, given its reference: the request was failed over and must not run on. */
    void cancel(String launcherRef);

    /** What became of a launch, as far as the launcher can tell. */
    enum State {
        RUNNING, SUCCEEDED, FAILED, UNKNOWN;

        public boolean ended() {
            return this == SUCCEEDED || this == FAILED;
        }
    }

    /**
     * Starts the scheduled export of every enabled table for the Melbourne day {@code date} (fixed by the caller when it
     * submits, so a start after midnight exports the same day), or finds the one already started for that day;
     * returns a reference for {@link #state} and {@link #cancel}.
     */
    String launchScheduled(java.time.LocalDate date);

    /** The request {@link #launchScheduled} would send, as JSON, for a dry run. */
    String describeScheduled(java.time.LocalDate date);

    /** Whether what {@link #launch} started still runs (or waits to): a job that ended without a heartbeat never started. */
    State state(String launcherRef);
}
