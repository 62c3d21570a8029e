package io.dataexporter.api.requests;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataexporter.api.Metrics;
import io.dataexporter.api.launch.Launcher;
import io.dataexporter.api.links.DownloadLinks;
import io.dataexporter.common.range.JdbcRequestStore;
import io.dataexporter.common.range.RangeRequest;
import io.dataexporter.common.range.RequestStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * requestData and requestStatus. At most {@code maxConcurrent} exports run at once; further requests wait in a queue
 * of {@code queueCapacity}, and past it get a clear error. A request whose heartbeat is older than the lease is
 * marked Failed by itself; asking for the range again starts a fresh export. Nobody ever edits the table by hand.
 */
public final class RequestService {

    private static final Logger LOG = LoggerFactory.getLogger(RequestService.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcRequestStore store;
    private final Launcher launcher;
    private final DownloadLinks links;
    private final Clock clock;
    private final int maxConcurrent;
    private final int queueCapacity;
    private final Duration lease;
    private final Metrics metrics;
    private final Supplier<UUID> ids;

    public RequestService(JdbcRequestStore store, Launcher launcher, DownloadLinks links, Clock clock, int maxConcurrent, int queueCapacity,
                          Duration lease, Metrics metrics, Supplier<UUID> ids) {
        this.store = store;
        this.launcher = launcher;
        this.links = links;
        this.clock = clock;
        this.maxConcurrent = maxConcurrent;
        this.queueCapacity = queueCapacity;
        this.lease = lease;
        this.metrics = metrics;
        this.ids = ids;
    }

    public synchronized String requestData(long startTime, long endTime) {
        RangeValidation.rangeProblem(startTime, endTime, clock.instant()).ifPresent(problem -> {
            throw new UserError(problem);
        });
        expireLeases();
        Optional<UUID> inFlight = store.inFlight(startTime, endTime);
        if (inFlight.isPresent()) {
            metrics.increment("data_exporter_api_requests_deduplicated_total");
            return inFlight.get().toString();
        }
        int running = store.running();
        int queued = store.queuedCount();
        if (running >= maxConcurrent && queued >= queueCapacity) {
            metrics.increment("data_exporter_api_requests_rejected_total");
            throw new UserError("Too many exports in flight: " + running + " running (limit " + maxConcurrent + ") and " + queued
                    + " queued (limit " + queueCapacity + "). Try again in a few minutes.");
        }
        UUID id = store.createOrFindInFlight(ids.get(), startTime, endTime);
        dispatch();
        return id.toString();
    }

    public StatusView requestStatus(String requestId) {
        UUID id = RangeValidation.requestId(requestId);
        expireLeases();
        dispatch();
        Optional<RangeRequest> found = store.find(id);
        if (found.isEmpty()) {
            return new StatusView(RequestStatus.NOT_REQUESTED.text(), 0.0, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }
        RangeRequest request = found.get();
        if (request.status() != RequestStatus.COMPLETED) {
            return new StatusView(request.status().text(), request.progress(), Optional.empty(), request.error(), Optional.empty(), Optional.empty());
        }
        DownloadLinks.Signed signed = links.sign(request);
        metrics.increment("data_exporter_api_links_signed_total");
        return new StatusView(request.status().text(), request.progress(), Optional.of(json(signed)), Optional.empty(),
                Optional.of(signed.expiresAt().toString()), signed.warning());
    }

    /** Fails requests past their lease and starts queued requests while there is room. */
    public synchronized void dispatch() {
        List<RangeRequest> queued = store.queued();
        int running = store.running();
        for (RangeRequest request : queued) {
            if (running >= maxConcurrent) {
                return;
            }
            if (!store.markLaunched(request.id(), "launching")) {
                continue;
            }
            running++;
            try {
                store.launcherRef(request.id(), launcher.launch(request));
                metrics.increment("data_exporter_api_exports_launched_total");
            } catch (RuntimeException e) {
                String reference = UUID.randomUUID().toString();
                LOG.error("Launch of request {} failed (reference {})", request.id(), reference, e);
                store.failed(request.id(), "The export could not be started (reference " + reference + "). Request the range again.");
                metrics.increment("data_exporter_api_exports_launch_failed_total");
            }
        }
    }

    public int expireLeases() {
        int expired = store.expireLeases(lease);
        for (int i = 0; i < expired; i++) {
            metrics.increment("data_exporter_api_exports_lease_expired_total");
        }
        return expired;
    }

    private static String json(DownloadLinks.Signed signed) {
        try {
            return JSON.writeValueAsString(signed.byTable());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
