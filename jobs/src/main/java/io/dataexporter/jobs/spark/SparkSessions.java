package io.dataexporter.jobs.spark;

import org.apache.spark.sql.SparkSession;

/** The SparkSession of a local run: all cores, no UI, UTC (timestamps without zone in the warehouse hold UTC). */
public final class SparkSessions {

    private SparkSessions() {
    }

    public static SparkSession local(String appName, int cores) {
        return SparkSession.builder()
                .appName(appName)
                .master("local[" + cores + "]")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.shuffle.partitions", String.valueOf(Math.max(2, cores * 2)))
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
    }
}
