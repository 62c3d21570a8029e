package io.dataexporter.jobs.spark;

import org.apache.spark.sql.SparkSession;

/**
 * SparkSessions of the jobs: UTC (timestamps without zone in the warehouse hold UTC) and FAIR scheduling, so tables
 * exported at once share the executors.
 */
public final class SparkSessions {

    /**
     * Spark's redaction pattern (what the UI, the event log and the environment page mask), extended with the product's
     * own secrets: {@code spark.dataexporter.hash.pepper} matches none of Spark's defaults.
     */
    public static final String REDACTION_REGEX = "(?i)secret|password|token|access[.]key|pepper|credential";

    private SparkSessions() {
    }

    public static SparkSession local(String appName, int cores) {
        return warm(SparkSession.builder()
                .appName(appName)
                .master("local[" + cores + "]")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.redaction.regex", REDACTION_REGEX)
                .config("spark.scheduler.mode", "FAIR")
                .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
                .config("spark.sql.shuffle.partitions", String.valueOf(Math.max(2, cores * 2)))
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate());
    }

    /** Under spark-submit (EMR) the master comes from spark-submit; otherwise a local session on every core. */
    public static SparkSession forJob(String appName) {
        if (System.getProperty("spark.master") == null) {
            return local(appName, Runtime.getRuntime().availableProcessors());
        }
        return warm(SparkSession.builder().appName(appName)
                .config("spark.sql.session.timeZone", "UTC")
                .config(UtcZone.EXECUTOR_SETTING, "UTC")
                .config("spark.redaction.regex", REDACTION_REGEX)
                .config("spark.scheduler.mode", "FAIR")
                .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
                .getOrCreate());
    }

    // Spark's analyzer initialises static state lazily and not thread-safely; do it once here, before tables run in parallel.
    private static SparkSession warm(SparkSession session) {
        session.range(1).selectExpr("id AS warm").queryExecution().analyzed();
        return session;
    }
}
