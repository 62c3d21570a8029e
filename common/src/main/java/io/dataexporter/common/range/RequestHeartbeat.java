package io.dataexporter.common.range;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A running range export's heartbeat on its request row, every {@code interval}. A beat that fails (the control
 * database dropped the connection) is reported and the next one tried: one error never ends the heartbeat, so a
 * healthy long job is not failed over for a blip. A beat that finds the request no longer In Progress is reported too.
 */
public final class RequestHeartbeat implements AutoCloseable {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "request-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    /** @param report where failed beats and a failed-over request are reported (the job's log) */
    public RequestHeartbeat(RequestProgress store, UUID id, Duration interval, Consumer<String> report) {
        scheduler.scheduleAtFixedRate(() -> beat(store, id, interval, report), interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void beat(RequestProgress store, UUID id, Duration interval, Consumer<String> report) {
        try {
            if (!store.heartbeat(id)) {
                report.accept("Request " + id + " is no longer In Progress (failed over); its result will not be recorded");
            }
        } catch (RuntimeException e) {
            report.accept("Heartbeat of request " + id + " failed, trying again in " + interval.toMillis() + " ms: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
