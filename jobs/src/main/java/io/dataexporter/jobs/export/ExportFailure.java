package io.dataexporter.jobs.export;

import io.dataexporter.classification.policy.PolicyException;
import java.io.IOException;
import java.sql.SQLException;

/** A table export that failed, with its code and a message fit for statuses and notifications. */
public final class ExportFailure extends RuntimeException {

    private final ErrorCode code;

    public ExportFailure(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    /** Classifies any exception from a table's export by what is in its cause chain. */
    public static ExportFailure classify(String table, Throwable error) {
        if (error instanceof ExportFailure failure) {
            return failure;
        }
        ErrorCode code = ErrorCode.INTERNAL;
        for (Throwable t = error; t != null; t = t.getCause()) {
            String name = t.getClass().getName();
            if (t instanceof PolicyException) {
                return new ExportFailure(ErrorCode.POLICY_INVALID, String.join("; ", ((PolicyException) t).problems()), error);
            }
            if (t instanceof SQLException || name.contains("PSQLException") || name.contains("Redshift")) {
                code = ErrorCode.SOURCE_UNAVAILABLE;
                break;
            }
            if (name.startsWith("org.apache.iceberg.exceptions.")) {
                code = ErrorCode.COMMIT_FAILED;
                break;
            }
            if (t instanceof IOException) {
                code = ErrorCode.WRITE_FAILED;
            }
        }
        return new ExportFailure(code, "Cannot export table " + table + ": " + rootMessage(error), error);
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
