package io.dataexporter.jobs.export;

import io.dataexporter.classification.policy.PolicyException;
import io.dataexporter.common.retry.BoundedRetry.RetriesExhausted;
import java.io.IOException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.HexFormat;

/**
 * A table export that failed, with its code, the full message for operators (job log and status rows) and a short
 * reference id. Consumers (manifests, notifications, the request row behind the API) see only {@link #publicMessage()}:
 * the code and the reference, never the message, which may hold URLs, paths, role ARNs or column lists.
 */
public final class ExportFailure extends RuntimeException {

    private static final SecureRandom REFERENCES = new SecureRandom();
    // SQLSTATE of PostgreSQL and Redshift: undefined table, undefined column, undefined schema.
    private static final java.util.Set<String> MISSING_OBJECT_STATES = java.util.Set.of("42P01", "42703", "3F000");

    private final ErrorCode code;
    private final String subject;
    private final String reference;

    public ExportFailure(ErrorCode code, String message, Throwable cause) {
        this(code, "the export", message, cause);
    }

    private ExportFailure(ErrorCode code, String subject, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.subject = subject;
        this.reference = HexFormat.of().formatHex(REFERENCES.generateSeed(4));
    }

    public ErrorCode code() {
        return code;
    }

    /** The id that ties what a consumer sees to the full text in the job's log and the status rows. */
    public String reference() {
        return reference;
    }

    /** What consumers may see: what failed, the code and the reference; no detail of the cause. */
    public String publicMessage() {
        return "Cannot export " + subject + ": " + code + " (reference " + reference + "; the operators have the details)";
    }

    /** The full text for operators, prefixed with the reference. */
    public String operatorMessage() {
        return "[reference " + reference + "] " + getMessage();
    }

    /** Classifies any exception from a table's export by what is in its cause chain. */
    public static ExportFailure classify(String table, Throwable error) {
        if (error instanceof ExportFailure failure) {
            return failure.subject.equals("table " + table) ? failure : new ExportFailure(failure.code, "table " + table, failure.getMessage(), failure);
        }
        ErrorCode code = ErrorCode.INTERNAL;
        for (Throwable t = error; t != null; t = t.getCause()) {
            String name = t.getClass().getName();
            if (t instanceof RetriesExhausted exhausted) {
                return new ExportFailure(ErrorCode.CONTROL_UNAVAILABLE, "table " + table, "Cannot export table " + table + ": " + exhausted.getMessage(), error);
            }
            if (t instanceof PolicyException) {
                return new ExportFailure(ErrorCode.POLICY_INVALID, "table " + table, String.join("; ", ((PolicyException) t).problems()), error);
            }
            if (name.startsWith("org.apache.iceberg.")) {
                code = name.endsWith("CommitFailedException") || name.endsWith("CommitStateUnknownException") ? ErrorCode.COMMIT_FAILED : ErrorCode.CATALOG_FAILED;
                break;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && MISSING_OBJECT_STATES.contains(sql.getSQLState())) {
                return new ExportFailure(ErrorCode.CONFIG_INVALID, "table " + table, "Cannot export table " + table + ": " + rootMessage(error)
                        + "; its export_tables row names a table or column the warehouse lacks: create it there, or set enabled = false in"
                        + " export_tables", error);
            }
            if (t instanceof SQLException || name.contains("PSQLException") || name.contains("Redshift")) {
                code = ErrorCode.SOURCE_UNAVAILABLE;
                break;
            }
            if (t instanceof IOException) {
                code = ErrorCode.WRITE_FAILED;
            }
        }
        return new ExportFailure(code, "table " + table, "Cannot export table " + table + ": " + rootMessage(error), error);
    }

    /**
     * The configuration problems behind a failure to plan a table (policy errors, or a table or column the warehouse
     * lacks), for {@code plan} and {@code --dry-run} to print; empty for any other failure.
     */
    public static java.util.Optional<java.util.List<String>> configurationProblems(String table, Exception error) {
        ExportFailure failure = classify(table, error);
        if (error instanceof PolicyException policy) {
            return java.util.Optional.of(policy.problems());
        }
        return failure.code == ErrorCode.POLICY_INVALID || failure.code == ErrorCode.CONFIG_INVALID
                ? java.util.Optional.of(java.util.List.of(failure.getMessage())) : java.util.Optional.empty();
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        String firstLine = message.lines().findFirst().orElse(message).strip();
        return firstLine.length() > 500 ? firstLine.substring(0, 500) + "..." : firstLine;
    }
}
