package io.dataexporter.common.range;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One row of {@code de_internal.request_table}. An In Progress request without a launcher reference is still queued;
 * one with a reference but no heartbeat is launched and not started yet.
 */
public record RangeRequest(UUID id, long startTime, long endTime, RequestStatus status, double progress, Optional<String> error,
                           Optional<String> launcherRef, Instant requestedAt, Optional<Instant> heartbeatAt, Optional<String> requestedBy,
                           List<String> exportedTables) {

    public RangeRequest {
        exportedTables = List.copyOf(exportedTables);
    }
}
