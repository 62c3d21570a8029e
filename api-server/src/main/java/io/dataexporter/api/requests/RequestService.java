package io.dataexporter.api.requests;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataexporter.api.Metrics;
import io.dataexporter.api.audit.AuditTrail;
import io.dataexporter.api.launch.Launcher;
import io.dataexporter.api.links.DownloadLinks;
import io.dataexporter.common.range.JdbcRequestStore;
import io.dataexporter.common.range.RangeRequest;
import io.dataexporter.common.range.RequestStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * requestData and requestStatus. At most {@code maxConcurrent} exports run at once, across server instances; further
 * requests wait in a queue of {@code queueCapacity}, and past it get a clear error, as does a client with
 * {@code maxPerClient} requests in flight. Admission and launch claims are single locked transactions in the control
 * database; launches (remote calls) run on their own threads, never under a lock and never on a request thread. A
 * launched request whose job does not start within the start deadline, or stops heart-beating for the lease, is
 * failed and what it launched cancelled; asking for the range again starts a fresh export. requestStatus only reads.
 */
public final class RequestService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RequestService.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The bounds of the service. */
    /**
     * @param launchGrace how long a claim may go without its launch being recorded before another tick (of this server or
     *                    another) launches it again: longer than any launch takes
     */
    public record Bounds(int maxConcurrent, int queueCapacity, int maxPerClient, Duration lease, Duration startDeadline, Duration launchGrace) {
    }

    /** Launch, cancel and state tasks waiting for the two launch threads, at most. */
    static final int LAUNCH_QUEUE = 64;

    private final JdbcRequestStore store;
    private final Launcher launcher;
    private final DownloadLinks links;
    private final Clock clock;
    private final Bounds bounds;
    private final Metrics metrics;
    private final AuditTrail audit;
    private final Supplier<UUID> ids;
    private final ExecutorService launches = new java.util.concurrent.ThreadPoolExecutor(2, 2, 0, java.util.concurrent.TimeUnit.MILLISECONDS,
            new java.util.concurrent.ArrayBlockingQueue<>(LAUNCH_QUEUE), runnable -> {
                Thread thread = new Thread(runnable, "request-launch");
                thread.setDaemon(true);
                return thread;
            });

    public RequestService(JdbcRequestStore store, Launcher launcher, DownloadLinks links, Clock clock, Bounds bounds, Metrics metrics,
                          AuditTrail audit, Supplier<UUID> ids) {
        this.store = store;
        this.launcher = launcher;
        this.links = links;
        this.clock = clock;
        this.bounds = bounds;
        this.metrics = metrics;
        this.audit = audit;
        this.ids = ids;
    }

    public String requestData(long startTime, long endTime, String client) {
        Optional<String> problem = RangeValidation.rangeProblem(startTime, endTime, clock.instant());
        if (problem.isPresent()) {
            record(client, "requestData", startTime, endTime, Optional.empty(), "refused: " + problem.get());
            throw new UserError(problem.get());
        }
        JdbcRequestStore.Admission admission = store.admit(ids.get(), startTime, endTime, client, bounds.maxConcurrent(), bounds.queueCapacity(),
                bounds.maxPerClient());
        if (admission.refusal().isPresent()) {
            metrics.increment("data_exporter_api_requests_rejected_total");
            record(client, "requestData", startTime, endTime, Optional.empty(), "refused: " + admission.refusal().get());
            throw new UserError(admission.refusal().get());
        }
        String id = admission.id().orElseThrow().toString();
        if (!admission.created()) {
            metrics.increment("data_exporter_api_requests_deduplicated_total");
        }
        record(client, "requestData", startTime, endTime, Optional.of(id), admission.created() ? "queued" : "joined the request in flight");
        dispatch();
        return id;
    }

    public StatusView requestStatus(String requestId, String client) {
        UUID id;
        try {
            id = RangeValidation.requestId(requestId);
        } catch (UserError e) {
            audit.record(new AuditTrail.Entry(client, "requestStatus", OptionalLong.empty(), OptionalLong.empty(), Optional.empty(),
                    "refused: " + e.getMessage()));
            throw e;
        }
        StatusView view = status(id, client);
        audit.record(new AuditTrail.Entry(client, "requestStatus", OptionalLong.empty(), OptionalLong.empty(), Optional.of(id.toString()),
                view.status() + (view.dataRequestDownloadLinks().isPresent() ? " (links signed)" : "")));
        return view;
    }

    // a request belongs to the client that made it: another client's id answers as an unknown one does
    private StatusView status(UUID id, String client) {
        Optional<RangeRequest> found = store.find(id).filter(request -> request.requestedBy().filter(client::equals).isPresent());
        if (found.isEmpty()) {
            return new StatusView(RequestStatus.NOT_REQUESTED.text(), 0.0, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }
        RangeRequest request = found.get();
        if (request.status() != RequestStatus.COMPLETED) {
            return new StatusView(request.status().text(), request.progress(), Optional.empty(), request.error(), Optional.empty(), Optional.empty());
        }
        DownloadLinks.Signed signed = links.sign(request);
        if (!signed.missingTables().isEmpty()) {
            return new StatusView(RequestStatus.FAILED.text(), request.progress(), Optional.empty(), Optional.of("The files of table(s) "
                    + String.join(", ", signed.missingTables()) + " of this request are no longer in the bucket (removed by retention or by hand)."
                    + " Request the range again."), Optional.empty(), Optional.empty());
        }
        metrics.increment("data_exporter_api_links_signed_total");
        return new StatusView(request.status().text(), request.progress(), Optional.of(json(signed)), Optional.empty(),
                Optional.of(signed.expiresAt().toString()), signed.warning());
    }

    /** Claims queued requests while there is room and hands each to the launcher on the launch threads. */
    public void dispatch() {
        for (RangeRequest request : store.claimForLaunch(bounds.maxConcurrent(), bounds.launchGrace())) {
            // a launch the full queue refuses stays claimed, and is launched again once its grace has passed
            submit("launch of request " + request.id(), () -> launch(request));
        }
    }

    /** Queues a task for the launch threads; when the queue is full the task is dropped, counted and logged (its tick comes again). */
    private void submit(String what, Runnable task) {
        try {
            launches.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
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

    /** Fails requests past their lease or start deadline and cancels what they launched; returns how many. */
    public int expireLeases() {
        List<RangeRequest> expired = store.expire(bounds.lease(), bounds.startDeadline());
        for (RangeRequest request : expired) {
            metrics.increment("data_exporter_api_exports_lease_expired_total");
            request.launcherRef().filter(ref -> !JdbcRequestStore.LAUNCHING.equals(ref))
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

    private void cancel(RangeRequest request, String launcherRef) {
        try {
            launcher.cancel(launcherRef);
            metrics.increment("data_exporter_api_exports_cancelled_total");
        } catch (RuntimeException e) {
            LOG.warn("Cancelling {} of failed request {} failed: {}", launcherRef, request.id(), e.getMessage());
        }
    }

    private void record(String client, String operation, long start, long end, Optional<String> id, String outcome) {
        audit.record(new AuditTrail.Entry(client, operation, OptionalLong.of(start), OptionalLong.of(end), id, outcome));
    }

    private static String json(DownloadLinks.Signed signed) {
        try {
            return JSON.writeValueAsString(signed.byTable());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        launches.shutdownNow();
    }
}
