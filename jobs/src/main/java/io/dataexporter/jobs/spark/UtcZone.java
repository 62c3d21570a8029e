package io.dataexporter.jobs.spark;

import java.util.List;
import java.util.TimeZone;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Every JVM of a job in UTC, so that no exported value depends on where it runs. The warehouse's {@code timestamp}
 * columns (no zone) hold UTC, and three readers turn them into instants in their JVM's default zone: PostgreSQL's driver
 * (it sets the session's TimeZone to the JVM's at connect, and a {@code timestamp} it returns is read in that zone),
 * Redshift's driver (its {@code connectionTimezone=LOCAL}, the default from 2.1.0.22) and the spark-redshift connector
 * (its {@code legacy_timestamp_handling} converts with {@code ZoneId.systemDefault()} on the executors). The driver's
 * JVM is pinned here, before its first connection; the executors' cannot be from inside, so they are checked and the job
 * refuses to start, naming the setting, when one is not in UTC.
 */
public final class UtcZone {

    /** What pins the executors: EMR's spark-defaults and {@link SparkSessions#forJob} set it. */
    public static final String EXECUTOR_SETTING = "spark.executorEnv.TZ";

    private UtcZone() {
    }

    /** Sets this JVM's default zone to UTC; the jobs call it first. */
    public static void pinDriver() {
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
    }

    /** Refuses a session whose executors (other JVMs) are not in UTC; a local session's executors are this JVM. */
    public static void requireExecutors(SparkSession spark) {
        if (spark.sparkContext().isLocal()) {
            return;
        }
        int slices = Math.max(1, spark.sparkContext().defaultParallelism());
        List<String> zones = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(java.util.Collections.nCopies(slices, 0), slices)
                .map(ignored -> TimeZone.getDefault().getID()).distinct().collect();
        List<String> others = zones.stream().filter(zone -> !zone.equals("UTC")).sorted().toList();
        if (!others.isEmpty()) {
            throw new IllegalStateException("Executors run in zone " + String.join(", ", others) + ", and the warehouse's timestamps would be"
                    + " read in it; set " + EXECUTOR_SETTING + "=UTC (or -Duser.timezone=UTC in spark.executor.extraJavaOptions)");
        }
    }
}
