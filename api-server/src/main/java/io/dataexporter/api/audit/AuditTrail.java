package io.dataexporter.api.audit;

import java.util.Optional;
import java.util.OptionalLong;

/** Who asked for what, when, and what came of it: one entry per mutation call. */
public interface AuditTrail {

    /**
     * One call.
     *
     * @param client    the client name of the caller's token
     * @param operation {@code requestData} or {@code requestStatus}
     * @param start     the range start, for requestData
     * @param end       the range end, for requestData
     * @param requestId the request the call created, joined or asked about
     * @param outcome   what happened: {@code queued}, {@code joined}, {@code refused: ...}, or the status returned
     */
    record Entry(String client, String operation, OptionalLong start, OptionalLong end, Optional<String> requestId, String outcome) {
    }

    void record(Entry entry);
}
