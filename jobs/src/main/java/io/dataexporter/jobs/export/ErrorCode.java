package io.dataexporter.jobs.export;

/** Why a table's export failed: one code per kind, so statuses, notifications and metrics can be grouped. */
public enum ErrorCode {
    /** The policy cannot be applied to the table (its configuration errors are in the message). Not retried. */
    POLICY_INVALID(false),
    /** The configuration names a table or column the warehouse lacks. Not retried: only a change of the table or the row helps. */
    CONFIG_INVALID(false),
    /** The warehouse could not be reached or rejected the query. */
    SOURCE_UNAVAILABLE(true),
    /** Writing the Parquet files failed. */
    WRITE_FAILED(true),
    /** The Iceberg catalog (JDBC catalog or Glue) failed outside the commit: namespace, table creation or loading. */
    CATALOG_FAILED(true),
    /** The Iceberg commit failed; the partition is as it was. */
    COMMIT_FAILED(true),
    /** The control database did not take the table's status within {@code control.write-timeout-seconds}; the attempt is retried. */
    CONTROL_UNAVAILABLE(true),
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
