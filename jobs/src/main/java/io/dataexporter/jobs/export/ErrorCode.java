package io.dataexporter.jobs.export;

/** Why a table's export failed: one code per kind, so statuses, notifications and metrics can be grouped. */
public enum ErrorCode {
    /** The policy cannot be applied to the table (its configuration errors are in the message). Not retried. */
    POLICY_INVALID(false),
    /** The warehouse could not be reached or rejected the query. */
    SOURCE_UNAVAILABLE(true),
    /** Writing the Parquet files failed. */
    WRITE_FAILED(true),
    /** The Iceberg commit failed; the partition is as it was. */
    COMMIT_FAILED(true),
    /** A run was killed while the table was in progress; closed by the next run. */
    ABANDONED(false),
    /** Anything else. */
    INTERNAL(true);

    private final boolean retryable;

    ErrorCode(boolean retryable) {
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
