package io.dataexporter.api.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The audit trail as one JSON line per entry on the logger {@code data-exporter.audit}, for the platform's log collector. */
public final class LogAuditTrail implements AuditTrail {

    private static final Logger AUDIT = LoggerFactory.getLogger("data-exporter.audit");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock;

    public LogAuditTrail(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void record(Entry entry) {
        AUDIT.info(line(entry, clock));
    }

    @Override
    public void refused(Refusal refusal) {
        AUDIT.info(line(refusal, clock));
    }

    /** The refusal as its JSON line. */
    public static String line(Refusal refusal, Clock clock) {
        return escapeLineBreaks(JSON.createObjectNode().put("time", clock.instant().toString()).put("event", "refused").put("remote", refusal.remote())
                .put("reference", refusal.reference()).put("status", refusal.status()).put("reason", refusal.reason()).toString());
    }

    /** The entry as its JSON line. */
    public static String line(Entry entry, Clock clock) {
        ObjectNode node = JSON.createObjectNode().put("time", clock.instant().toString()).put("event", "audit").put("client", entry.client())
                .put("operation", entry.operation());
        entry.start().ifPresent(start -> node.put("start", start));
        entry.end().ifPresent(end -> node.put("end", end));
        entry.requestId().ifPresent(id -> node.put("request_id", id));
        // JSON allows U+2028, U+2029 and U+0085 raw, but line-oriented log collectors split on them
        return escapeLineBreaks(node.put("outcome", entry.outcome()).toString());
    }

    private static String escapeLineBreaks(String json) {
        return json.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("\u0085", "\\u0085");
    }
}
