package io.dataexporter.jobs.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexporter.jobs.config.ConfigSources;
import io.dataexporter.jobs.config.Settings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduled export as EMR launches it: the daily step passes only {@code --env --date}, and every other
 * setting is {@code spark.dataexporter.*} in the cluster's spark-defaults, which spark-submit hands the driver as system
 * properties. Those must reach the job, ahead of the environment.
 */
class ScheduledExportSettingsTest {

    private static final String URL = "spark.dataexporter.warehouse.jdbc.url";
    private static final String BUCKET = "spark.dataexporter.s3.bucket";

    @AfterEach
    void clear() {
        System.clearProperty(URL);
        System.clearProperty(BUCKET);
    }

    @Test
    void sources_whenSettingsAreSparkConf_readsThemAheadOfTheEnvironment() {
        System.setProperty(URL, "jdbc:redshift://warehouse.example.com:5439/pm");
        System.setProperty(BUCKET, "bucket-from-spark-conf");
        ScheduledExport job = new ScheduledExport();
        job.environment = Map.of("DATA_EXPORTER_S3_BUCKET", "bucket-from-environment", "DATA_EXPORTER_CONTROL_USER", "jobs");
        job.stackDirectory = Path.of("target/no-stack-here");

        ConfigSources sources = job.sources();

        assertThat(sources.require(Settings.WAREHOUSE_URL)).isEqualTo("jdbc:redshift://warehouse.example.com:5439/pm");
        assertThat(sources.origin(Settings.WAREHOUSE_URL)).isEqualTo("Spark conf");
        assertThat(sources.require(Settings.BUCKET)).isEqualTo("bucket-from-spark-conf");
        assertThat(sources.require(Settings.CONTROL_USER)).isEqualTo("jobs");
        assertThat(sources.origin(Settings.CONTROL_USER)).isEqualTo("environment");
    }
}
