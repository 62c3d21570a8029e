package io.dataexporter.jobs;

import io.dataexporter.jobs.spark.SparkSessions;
import org.apache.spark.sql.SparkSession;

/** The one SparkSession of a test JVM: local[2], UI off, UTC. */
public final class TestSpark {

    private TestSpark() {
    }

    public static SparkSession get() {
        return SparkSessions.local("data-exporter tests", 2);
    }
}
