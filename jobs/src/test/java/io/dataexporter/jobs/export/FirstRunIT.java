package io.dataexporter.jobs.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexporter.localstack.seed.SeedOptions;
import io.dataexporter.localstack.seed.SyntheticWarehouse;
import java.sql.Connection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The first run into a catalog database that does not exist yet, every table at once, and a table the warehouse
 * lacks: the dry run reports the missing table and plans the others; the namespace is created once before tables
 * start (no attempt fails on it), and the missing table fails once as a configuration error while the others complete.
 */
class FirstRunIT {

    private static final ExportHarness HARNESS = new ExportHarness("it-first-run");

    @BeforeAll
    static void seed() throws Exception {
        try (Connection connection = HARNESS.stack.openConnection()) {
            SyntheticWarehouse.seed(connection, new SeedOptions(2000, 3, SeedOptions.DEFAULT_AROUND, 42));
        }
        // a database no run has created yet
        HARNESS.set(io.dataexporter.jobs.config.Settings.CATALOG_DATABASE, "it_first_run_" + Long.toString(System.currentTimeMillis(), 36));
    }

    @Test
    void firstRunOnAFreshCatalog_completesEveryTableAtTheFirstAttempt_andAMissingTableFailsOnceAsConfigInvalid() throws Exception {
        HARNESS.execute("INSERT INTO de_config.export_tables VALUES ('no_such_table', true, 'ts', NULL, NULL, NULL)");
        try {
            HARNESS.run("--date", "2026-10-04", "--dry-run");
            assertThat(HARNESS.exitCode).as(HARNESS.output).isEqualTo(4);
            assertThat(HARNESS.output).contains("no_such_table  NOT EXPORTED\n  error     Cannot export table no_such_table: ERROR: relation"
                    + " \"pm_internal.no_such_table\" does not exist").contains("pm_internal.way_speed  (policy ").contains("pm_internal.incident  (policy ");

            HARNESS.run("--date", "2026-10-04", "--max-concurrency", "4", "--max-retries", "3");

            assertThat(HARNESS.exitCode).as(HARNESS.output).isEqualTo(5);
            Matcher run = Pattern.compile("Run (scheduled-\\S+):").matcher(HARNESS.output);
            assertThat(run.find()).as(HARNESS.output).isTrue();
            List<List<Object>> statuses = HARNESS.query("SELECT table_name, attempt, status, coalesce(error_code, '-')"
                    + " FROM de_internal.table_export_job_statuses WHERE run_id = '" + run.group(1) + "' ORDER BY table_name, attempt");
            assertThat(statuses.toString()).isEqualTo("[[cctv_event, 1, COMPLETED, -], [classifications, 1, COMPLETED, -],"
                    + " [incident, 1, COMPLETED, -], [metrics_long, 1, COMPLETED, -], [no_such_table, 1, FAILED, CONFIG_INVALID],"
                    + " [way, 1, COMPLETED, -], [way_speed, 1, COMPLETED, -]]");
            assertThat(HARNESS.query("SELECT files_written FROM de_internal.table_export_job_statuses WHERE run_id = '" + run.group(1)
                    + "' AND table_name = 'way_speed'").toString()).as("one writer per JDBC read partition, no shuffle to a single writer").isEqualTo("[[4]]");
            String database = HARNESS.environment.get("DATA_EXPORTER_CATALOG_DATABASE");
            assertThat(io.dataexporter.jobs.TestSpark.get().sql("SHOW TBLPROPERTIES de." + database + ".way_speed").collectAsList().toString())
                    .contains("[write.metadata.delete-after-commit.enabled,true]").contains("[write.metadata.previous-versions-max,10]");
            assertThat(HARNESS.query("SELECT error_message FROM de_internal.table_export_job_statuses WHERE run_id = '" + run.group(1)
                    + "' AND table_name = 'no_such_table'").get(0).get(0).toString())
                    .matches("\\[reference [0-9a-f]{8}\\] Cannot export table no_such_table: ERROR: relation \"pm_internal.no_such_table\" does not exist"
                            + ".*; its export_tables row names a table or column the warehouse lacks: create it there, or set enabled = false in"
                            + " export_tables");
        } finally {
            HARNESS.execute("DELETE FROM de_config.export_tables WHERE table_name = 'no_such_table'");
        }
    }
}
