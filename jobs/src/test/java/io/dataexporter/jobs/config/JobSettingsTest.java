package io.dataexporter.jobs.config;

import io.dataexporter.common.config.ConfigSources;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataexporter.jobs.export.ScheduledExport;
import io.dataexporter.jobs.range.RangeExport;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Both jobs as EMR launches them: the steps pass only {@code --env} and the day or range, and every other setting is
 * {@code spark.dataexporter.*} in the cluster's spark-defaults, which spark-submit hands the driver as system properties.
 * Those reach each job; the command line still outranks them.
 */
class JobSettingsTest {

    private static final String URL = "spark.dataexporter.warehouse.jdbc.url";
    private static final String ENV = "spark.dataexporter.export.env";

    @AfterEach
    void clear() {
        System.clearProperty(URL);
        System.clearProperty(ENV);
    }

    @Test
    void rangeExport_readsSparkConf_belowItsCommandLine() {
        assertReadsSparkConf(() -> {
            RangeExport job = new RangeExport();
            new CommandLine(job).parseArgs("--start", "1791061200", "--end", "1791064800", "--env", "prod", "--dir", "target/no-stack-here");
            return job.sources();
        });
    }

    @Test
    void scheduledExport_readsSparkConf_belowItsCommandLine() {
        assertReadsSparkConf(() -> {
            ScheduledExport job = new ScheduledExport();
            new CommandLine(job).parseArgs("--date", "2026-10-04", "--env", "prod", "--dir", "target/no-stack-here");
            return job.sources();
        });
    }

    private static void assertReadsSparkConf(Supplier<ConfigSources> job) {
        System.setProperty(URL, "jdbc:redshift://warehouse.example.com:5439/pm");
        System.setProperty(ENV, "from-spark-conf");

        ConfigSources sources = job.get();

        assertThat(sources.require(Settings.WAREHOUSE_URL)).isEqualTo("jdbc:redshift://warehouse.example.com:5439/pm");
        assertThat(sources.origin(Settings.WAREHOUSE_URL)).isEqualTo("Spark conf");
        assertThat(sources.require(Settings.ENV)).isEqualTo("prod");
        assertThat(sources.origin(Settings.ENV)).isEqualTo("command line");
    }

    @Test
    void thePlannersMessageForAMissingPepper_namesTheSettingByEachOfItsNames() {
        io.dataexporter.classification.policy.PolicyRows rows = new io.dataexporter.classification.policy.PolicyRows(
                java.util.List.of(new io.dataexporter.classification.policy.PolicyRows.ExportTableRow("t", true, null, null, null, null)),
                java.util.List.of(new io.dataexporter.classification.policy.PolicyRows.ColumnRuleRow("t", "plate", "hwc", "HASH", null)),
                java.util.List.of(), java.util.List.of());
        String message = org.assertj.core.api.Assertions.catchThrowable(() -> io.dataexporter.classification.plan.TablePlanner.plan(rows, "pm_internal",
                "t", new org.apache.spark.sql.types.StructType().add("plate", org.apache.spark.sql.types.DataTypes.StringType), java.util.Optional.empty(),
                java.util.Optional.empty())).getMessage();

        assertThat(message).contains("the setting " + Settings.HASH_PEPPER.name() + " (" + Settings.HASH_PEPPER.environmentName() + ", or "
                + Settings.HASH_PEPPER.sparkConfName() + " on EMR)");
    }
}
