package io.dataexporter.jobs.export;

import io.dataexporter.classification.policy.PolicyException;
import io.dataexporter.common.retry.BoundedRetry.RetriesExhausted;
import java.io.IOException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.List;
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
            if (t instanceof RetriesExhausted exhausted) {
                return new ExportFailure(ErrorCode.CONTROL_UNAVAILABLE, "table " + table, "Cannot export table " + table + ": " + exhausted.getMessage(), error);
            }
            if (t instanceof PolicyException) {
                return new ExportFailure(ErrorCode.POLICY_INVALID, "table " + table, String.join("; ", ((PolicyException) t).problems()), error);
            }
            if (t instanceof org.apache.iceberg.exceptions.CommitFailedException || t instanceof org.apache.iceberg.exceptions.CommitStateUnknownException) {
                code = ErrorCode.COMMIT_FAILED;
                break;
            }
            if (isCatalogFailure(t)) {
                code = ErrorCode.CATALOG_FAILED;
                break;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && MISSING_OBJECT_STATES.contains(sql.getSQLState())) {
                return new ExportFailure(ErrorCode.CONFIG_INVALID, "table " + table, "Cannot export table " + table + ": " + rootMessage(error)
                        + "; its export_tables row names a table or column the warehouse lacks: create it there, or set enabled = false in"
                        + " export_tables", error);
            }
            // PostgreSQL's and Redshift's drivers throw SQLExceptions; the connector wraps theirs in one without a SQLState
            // ("Exception thrown in awaitResult"), and then what it wraps decides: a missing table is a configuration error
            if (t instanceof SQLException sql) {
                code = ErrorCode.SOURCE_UNAVAILABLE;
                if (sql.getSQLState() != null || sql.getCause() == null) {
                    break;
                }
            }
            if (t instanceof IOException && code != ErrorCode.SOURCE_UNAVAILABLE) { // under a warehouse error, the warehouse's socket
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

    // The catalog's own failures (Iceberg's exceptions, and its JDBC catalog's unchecked SQL and interrupt wrappers).
    private static final List<Class<? extends Throwable>> CATALOG_FAILURES = List.of(org.apache.iceberg.exceptions.AlreadyExistsException.class,
            org.apache.iceberg.exceptions.NoSuchTableException.class, org.apache.iceberg.exceptions.NoSuchNamespaceException.class,
            org.apache.iceberg.exceptions.NotFoundException.class, org.apache.iceberg.exceptions.ValidationException.class,
            org.apache.iceberg.exceptions.RuntimeIOException.class, org.apache.iceberg.exceptions.RESTException.class,
            org.apache.iceberg.exceptions.ServiceFailureException.class, org.apache.iceberg.exceptions.ServiceUnavailableException.class,
            org.apache.iceberg.exceptions.ForbiddenException.class, org.apache.iceberg.exceptions.NotAuthorizedException.class,
            org.apache.iceberg.exceptions.BadRequestException.class, org.apache.iceberg.exceptions.NamespaceNotEmptyException.class,
            org.apache.iceberg.jdbc.UncheckedSQLException.class, org.apache.iceberg.jdbc.UncheckedInterruptedException.class);

    private static boolean isCatalogFailure(Throwable t) {
        return CATALOG_FAILURES.stream().anyMatch(type -> type.isInstance(t));
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
