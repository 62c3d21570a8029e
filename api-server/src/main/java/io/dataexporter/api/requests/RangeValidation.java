package io.dataexporter.api.requests;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The rules a requested range and a request id must meet; each message names the rule and the values received. */
public final class RangeValidation {

    public static final long MAX_SPAN_SECONDS = 86_400;

    private RangeValidation() {
    }

    public static Optional<String> rangeProblem(long startTime, long endTime, Instant now) {
        if (startTime < 0) {
            return Optional.of("startTime must be 0 or more (epoch seconds); received startTime=" + startTime);
        }
        if (startTime >= endTime) {
            return Optional.of("startTime must be before endTime; received startTime=" + startTime + ", endTime=" + endTime);
        }
        if (endTime - startTime > MAX_SPAN_SECONDS) {
            return Optional.of("endTime - startTime must be at most " + MAX_SPAN_SECONDS + " seconds (one day); received startTime=" + startTime
                    + ", endTime=" + endTime + " (" + (endTime - startTime) + " seconds)");
        }
        if (endTime > now.getEpochSecond()) {
            return Optional.of("endTime must not be in the future; received endTime=" + endTime + ", now is " + now.getEpochSecond());
        }
        return Optional.empty();
    }

    /** The request id as a UUID, or an error naming the value. */
    public static UUID requestId(String value) {
        try {
            UUID id = UUID.fromString(value);
            if (id.toString().equalsIgnoreCase(value)) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new UserError("requestId must be a UUID such as 123e4567-e89b-12d3-a456-426614174000 (the value requestData returned); received '"
                + shown(value) + "'");
    }

    /** At most this many code points of a client's value are echoed in messages and the audit trail. */
    static final int MAX_ECHOED = 64;

    /**
     * A client's value as a message may echo it: at most {@link #MAX_ECHOED} code points (then how long it was), and
     * control characters and line or paragraph separators as {@code \\uXXXX}, so that one value can neither flood a
     * log line nor start a new one.
     */
    public static String shown(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder();
        int count = value.codePointCount(0, value.length());
        value.codePoints().limit(MAX_ECHOED).forEach(c -> {
            int type = Character.getType(c);
            if (type == Character.CONTROL || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR || type == Character.FORMAT) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return count > MAX_ECHOED ? out + "... (" + count + " characters)" : out.toString();
    }
}
