package io.dataexporter.common.range;

import java.util.Optional;
import java.util.UUID;

/** The API's view of the requests: it admits them into the queue and reads them back; it never launches one. */
public interface RequestQueue {

    /** How a request for a range was taken: a new request, the client's own one already in flight, or refused (with the reason). */
    record Admission(Optional<UUID> id, boolean created, Optional<String> refusal) {
    }

    /**
     * Takes a request for a range within the bounds, across server instances: the running exports at {@code maxRunning}
     * with the queue at {@code queueCapacity}, or the client at {@code maxPerClient} requests in flight, refuse it; the
     * client's own in-flight request of the same range is joined; otherwise a new queued request is recorded.
     */
    Admission admit(UUID newId, long start, long end, String client, int maxRunning, int queueCapacity, int maxPerClient);

    Optional<RangeRequest> find(UUID id);
}
