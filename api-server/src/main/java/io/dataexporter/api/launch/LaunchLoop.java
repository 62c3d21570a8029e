package io.dataexporter.api.launch;

import io.dataexporter.api.Metrics;
import io.dataexporter.api.requests.RequestService;
import io.dataexporter.common.range.LaunchClaims;
import io.dataexporter.common.range.RangeRequest;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns queued range requests into running exports: every second it fails requests past their lease or start deadline
 * (cancelling what they launched), claims queued requests while fewer than {@code maxConcurrent} run, and hands each to
 * the {@link Launcher}; every ten seconds it asks the launcher whether a launched request that has not started has
 * ended. Claims are locked transactions in the control database, so any number of loops (processes) may run; remote
 * calls run on two launch threads of their own, never under a lock.
 *
 * <p>In production the loop runs in the launcher process ({@code launch}), which holds the EMR permissions; the
 * internet-facing API only queues requests. On the local stack it runs inside the API server.
 */
public final class LaunchLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LaunchLoop.class);

    /** Launch, cancel and state tasks waiting for the two launch threads, at most. */
    static final int LAUNCH_QUEUE = 64;
    // Launched-but-unstarted requests are checked with the launcher every 10 ticks: a remote call each, kept infrequent.
    private static final int UNSTARTED_CHECK_TICKS = 10;

    private final LaunchClaims store;
    private final Launcher launcher;
    private final RequestService.Bounds bounds;
    private final Metrics metrics;
    private final ExecutorService launches = new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(LAUNCH_QUEUE), runnable -> {
        Thread thread = new Thread(runnable, "request-launch");
        thread.setDaemon(true);
        return thread;
    });
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "request-dispatcher");
        thread.setDaemon(true);
        return thread;
    });
    private long ticks;

    public LaunchLoop(LaunchClaims store, Launcher launcher, RequestService.Bounds bounds, Metrics metrics) {
        this.store = store;
        this.launcher = launcher;
        this.bounds = bounds;
        this.metrics = metrics;
    }

    /** Starts ticking every second; returns this loop. */
    public LaunchLoop start() {
        ticker.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
        return this;
    }

    /** One tick: leases, then claims, and every tenth tick the unstarted launches. A failure is logged; the next tick comes. */
    void tick() {
        try {
            expireLeases();
            dispatch();
            if (ticks++ % UNSTARTED_CHECK_TICKS == 0) {
                checkUnstarted();
            }
        } catch (RuntimeException e) {
            LOG.warn("Lease check and dispatch failed; retrying in a second: {}", e.getMessage());
        }
    }

    /** Claims queued requests while there is room and hands each to the launcher on the launch threads. */
    public void dispatch() {
        for (RangeRequest request : store.claimForLaunch(bounds.maxConcurrent(), bounds.launchGrace())) {
            // a launch the full queue refuses stays claimed, and is launched again once its grace has passed
            submit("launch of request " + request.id(), () -> launch(request));
        }
    }

    /** Fails requests past their lease or start deadline and cancels what they launched; returns how many. */
    public int expireLeases() {
        List<RangeRequest> expired = store.expire(bounds.lease(), bounds.startDeadline());
        for (RangeRequest request : expired) {
            metrics.increment("data_exporter_api_exports_lease_expired_total");
            request.launcherRef().filter(ref -> !LaunchClaims.LAUNCHING.equals(ref))
                    .ifPresent(ref -> submit("cancel of " + ref, () -> cancel(request, ref)));
        }
        return expired.size();
    }

    /**
     * Asks the launcher about launched requests whose job has not started: one whose launch already ended (the process
     * died, the step failed) is failed at once instead of at the start deadline. Calls run on the launch threads.
     */
    public void checkUnstarted() {
        for (RangeRequest request : store.launchedNotStarted()) {
            String ref = request.launcherRef().orElseThrow();
            submit("state of " + ref, () -> {
                try {
                    if (launcher.state(ref).ended() && store.failIfNotStarted(request.id(), "The export ended before it started ("
                            + ref + " is no longer running). Request the range again to start a fresh export.")) {
                        metrics.increment("data_exporter_api_exports_ended_unstarted_total");
                    }
                } catch (RuntimeException e) {
                    LOG.warn("Cannot read the state of {} for request {}: {}", ref, request.id(), e.getMessage());
                }
            });
        }
    }

    /** Queues a task for the launch threads; when the queue is full the task is dropped, counted and logged (its tick comes again). */
    private void submit(String what, Runnable task) {
        try {
            launches.execute(task);
        } catch (RejectedExecutionException e) {
            metrics.increment("data_exporter_api_launch_tasks_rejected_total");
            LOG.warn("The launch queue is full ({} tasks); {} waits for a later tick", LAUNCH_QUEUE, what);
        }
    }

    private void launch(RangeRequest request) {
        try {
            if (!store.stillClaimed(request.id())) {
                LOG.info("Request {} is no longer waiting for its launch (failed or launched meanwhile); not launching it", request.id());
                return;
            }
            String ref = launcher.launch(request);
            if (!store.launcherRef(request.id(), ref)) {
                LOG.warn("Request {} failed while its launch ran; cancelling {}", request.id(), ref);
                cancel(request, ref);
                return;
            }
            metrics.increment("data_exporter_api_exports_launched_total");
        } catch (RuntimeException e) {
            String reference = UUID.randomUUID().toString();
            LOG.error("Launch of request {} failed (reference {})", request.id(), reference, e);
            store.failed(request.id(), "The export could not be started (reference " + reference + "). Request the range again.");
            metrics.increment("data_exporter_api_exports_launch_failed_total");
        }
    }

    private void cancel(RangeRequest request, String launcherRef) {
        try {
            launcher.cancel(launcherRef);
            metrics.increment("data_exporter_api_exports_cancelled_total");
        } catch (RuntimeException e) {
            LOG.warn("Cancelling {} of failed request {} failed: {}", launcherRef, request.id(), e.getMessage());
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        launches.shutdownNow();
    }
}
