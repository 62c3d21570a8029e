package io.dataexporter.api.requests;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataexporter.api.Metrics;
import io.dataexporter.api.audit.AuditTrail;
import io.dataexporter.api.links.DownloadLinks;
import io.dataexporter.common.range.RequestQueue;
import io.dataexporter.common.range.RangeRequest;
import io.dataexporter.common.range.RequestStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * requestData and requestStatus. At most {@code maxConcurrent} exports run at once, across server instances; further
 * requests wait in a queue of {@code queueCapacity}, and past it get a clear error, as does a client with
 * {@code maxPerClient} requests in flight. Admission and launch claims are single locked transactions in the control
 * database. This service only queues: the {@link io.dataexporter.api.launch.LaunchLoop} (in the launcher process in
 * production) claims and launches, and fails a request whose job does not start within the start deadline or stops
 * heart-beating for the lease; asking for the range again starts a fresh export. requestStatus only reads.
 */
public final class RequestService {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The bounds of the service.
     *
     * @param launchGrace how long a claim may go without its launch being recorded before another tick (of this server or
     *                    another) launches it again: longer than any launch takes
     */
    public record Bounds(int maxConcurrent, int queueCapacity, int maxPerClient, Duration lease, Duration startDeadline, Duration launchGrace) {
    }

    private final RequestQueue store;
    private final Runnable admitted;
    private final DownloadLinks links;
    private final Clock clock;
    private final Bounds bounds;
    private final Metrics metrics;
    private final AuditTrail audit;
    private final Supplier<UUID> ids;

    /**
     * @param admitted run after a request is admitted: the in-process {@link io.dataexporter.api.launch.LaunchLoop}'s
     *                 dispatch, so that it need not wait for its tick; nothing when another process launches
     */
    public RequestService(RequestQueue store, DownloadLinks links, Clock clock, Bounds bounds, Metrics metrics, AuditTrail audit,
                          Supplier<UUID> ids, Runnable admitted) {
        this.store = store;
        this.admitted = admitted;
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
        RequestQueue.Admission admission = store.admit(ids.get(), startTime, endTime, client, bounds.maxConcurrent(), bounds.queueCapacity(),
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
        admitted.run();
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

}
