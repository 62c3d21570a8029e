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

    /**
     * A request refused before or instead of its operations: no or a wrong token (401), a body too slow (408) or too large
     * (413), a document over the cost limits or a response over the size limit (400).
     *
     * @param remote    the caller's address and port
     * @param reference the id the response carries ({@code X-Request-Id}) and the log line too
     * @param status    the HTTP status answered
     * @param reason    the message answered (values in it are capped where they are made)
     */
    record Refusal(String remote, String reference, int status, String reason) {
    }

    /** Records a refusal; a trail that keeps only operations ignores it. */
    default void refused(Refusal refusal) {
    }
}
