package io.dataexporter.jobs.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexporter.jobs.config.ConfigLoader;
import io.dataexporter.jobs.config.Settings;
import io.dataexporter.jobs.export.PolicyExpectation.Rows;
import io.dataexporter.localstack.seed.SeedOptions;
import io.dataexporter.localstack.seed.SyntheticWarehouse;
import io.dataexporter.redshiftemulator.EmulatedRedshift;
import io.dataexporter.redshiftemulator.UnloadCommand;
import java.sql.Connection;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The production read path, run here: the spark-redshift connector against the emulated Redshift, which runs the
 * plan's Redshift-dialect SQL as an UNLOAD to Parquet with a manifest on the S3 server. The scheduled export of the
 * seed's daylight-saving day through it must give, table by table, the rows and values of the JDBC path (both read back
 * by DuckDB), including a policy literal with a quote (the policy refuses backslashes in names) and cells with quotes, backslashes, newlines and
 * non-Latin text; the tempdir must hold nothing after every attempt, whatever its outcome.
 */
class RedshiftReadPathIT {

    private static final String DAY = "2026-10-04";
    private static final String SOURCE_WITH_QUOTE = "O'Brien Feed";
    private static final List<String> AWKWARD_NAMES = List.of("it's a \\ back\\\\slash", "line one\nline two\r\nthree\ttabbed", "Straße 東京 مرحبا",
            "'quoted' and \"double\" ''", "trailing backslash \\");
    private static final ExportHarness JDBC = new ExportHarness("it-rs-jdbc");
    private static final ExportHarness UNLOAD = emulated("it-rs-unload");

    @BeforeAll
    static void seedAndExportBothWays() throws Exception {
        try (Connection connection = JDBC.stack.openConnection()) {
            SyntheticWarehouse.seed(connection, new SeedOptions(2000, 3, SeedOptions.DEFAULT_AROUND, 31));
        }
        JDBC.execute("INSERT INTO de_config.actual_data_classifications (source, classification) VALUES (" + literal(SOURCE_WITH_QUOTE) + ", 'nr')",
                "INSERT INTO pm_internal.way_speed (ts, way_id, speed_kph, travel_time_s, sample_count, source) VALUES"
                        + " ('2026-10-04T01:00:00Z', 1, 42.4, 17.5, 3, " + literal(SOURCE_WITH_QUOTE) + "),"
                        + " ('2026-10-04T02:00:00Z', 2, 57.6, 9.25, 4, " + literal(SOURCE_WITH_QUOTE) + ")");
        for (int i = 0; i < AWKWARD_NAMES.size(); i++) {
            JDBC.execute("INSERT INTO pm_internal.way (way_id, name, ar_f_path, maintenance_contact, length_m, speed_limit, built_on,"
                    + " updated_at) VALUES (" + (900_000 + i) + ", " + literal(AWKWARD_NAMES.get(i)) + ", 'a\\b', 'x', 12.5, 50, '2001-02-03',"
                    + " '2026-10-04T05:06:07Z')");
        }
        EmulatedRedshift.clearRecords();
        JDBC.run("--date", DAY);
        assertThat(JDBC.exitCode).as(JDBC.output).isZero();
        UNLOAD.run("--date", DAY);
        assertThat(UNLOAD.exitCode).as(UNLOAD.output).isZero();
    }

    @Test
    void export_throughTheConnector_writesTheSameRowsAndValuesAsThroughJdbc_tableByTable() throws Exception {
        try (S3Client s3 = JDBC.s3()) {
            ParquetReadback readback = new ParquetReadback(s3, JDBC.stack.endpoints().bucket());
            List<String> tables = new java.util.ArrayList<>(PolicyExpectation.TABLES);
            List.of("actual_data_classifications", "data_column_classification", "export_tables", "long_table_data_classifications")
                    .forEach(policyTable -> tables.add("classifications/" + policyTable));
            for (String table : tables) {
                Rows viaJdbc = readback.read("it-rs-jdbc/2026/10/04/" + table + "/", Set.of());
                Rows viaUnload = readback.read("it-rs-unload/2026/10/04/" + table + "/", Set.of());

                assertThat(readback.schema("it-rs-unload/2026/10/04/" + table + "/")).as(table)
                        .isEqualTo(readback.schema("it-rs-jdbc/2026/10/04/" + table + "/"));
                assertThat(viaUnload.differenceFrom(viaJdbc)).as(table).isEmpty();
                assertThat(viaUnload.lines()).as(table).hasSizeGreaterThanOrEqualTo(3);
            }
            Rows ways = readback.read("it-rs-unload/2026/10/04/way/", Set.of());
            int name = ways.columns().indexOf("name");
            List<String> names = ways.lines().stream().map(line -> line.split("\\|", -1)[name]).toList();
            for (String awkward : AWKWARD_NAMES) {
                assertThat(names).contains(awkward);
            }
            Rows speeds = readback.read("it-rs-unload/2026/10/04/way_speed/", Set.of());
            int source = speeds.columns().indexOf("source");
            assertThat(speeds.lines().stream().filter(line -> line.split("\\|", -1)[source].equals(SOURCE_WITH_QUOTE))).hasSize(2);
        }
    }

    @Test
    void export_throughTheConnector_unloadsEveryTableOnceWithTheRoleAndTheKmsKey_andLeavesTheTempdirEmpty() {
        List<EmulatedRedshift.Unload> unloads = EmulatedRedshift.unloads().stream()
                .filter(unload -> unload.command().prefix().startsWith("redshift-unload/scheduled-")).toList();

        // the five tables; the policy tables are exported from what the policy loader read
        assertThat(unloads).hasSize(5).allSatisfy(unload -> {
            assertThat(unload.outcome()).isEqualTo("OK");
            assertThat(unload.command().credentials()).isEqualTo(new UnloadCommand.RoleCredentials("arn:aws:iam::000000000000:role/data-exporter-redshift-unload"));
            // SSE-KMS as Redshift takes it beside WITH CREDENTIALS: ENCRYPTED AUTO (the bucket's key), never KMS_KEY_ID
            assertThat(unload.command().kmsKeyId()).isEmpty();
            assertThat(unload.command().encrypted()).isTrue();
            assertThat(unload.command().encryptedAuto()).isTrue();
            assertThat(unload.command().manifest()).isTrue();
            assertThat(unload.keys().get(unload.keys().size() - 1)).endsWith("/manifest");
        });
        // the policy's literal reached Redshift as the plan wrote it, through the connector's escaping and Redshift's unescaping
        for (String table : List.of("way_speed", "metrics_long")) {
            assertThat(unloads).filteredOn(unload -> unload.command().prefix().contains("/" + table + "/")).singleElement()
                    .satisfies(unload -> assertThat(unload.command().query()).contains("WHEN 'O''BRIEN FEED' THEN 0"));
        }
        assertThat(EmulatedRedshift.queryGroups()).isNotEmpty();
        assertThat(tempdir(UNLOAD)).isEmpty();
    }

    @Test
    void unloadFailingAfterItsFilesWereWritten_isRetried_andNoFileOfEitherAttemptStays() {
        ExportHarness harness = emulated("it-rs-fault");
        EmulatedRedshift.clearRecords();
        EmulatedRedshift.failNextUnload(EmulatedRedshift.Fault.AFTER_FILES);

        harness.run("--date", DAY, "--tables", "way_speed");

        assertThat(harness.exitCode).as(harness.output).isZero();
        List<EmulatedRedshift.Unload> unloads = EmulatedRedshift.unloads();
        assertThat(unloads).hasSize(2);
        assertThat(unloads.get(0).outcome()).startsWith("ERROR: UNLOAD failed after writing 2 file(s), before the manifest");
        assertThat(unloads.get(0).keys()).hasSize(2).allSatisfy(key -> assertThat(key).matches("redshift-unload/scheduled-.*/way_speed/.*/000[01]_part_00\\.parquet"));
        assertThat(unloads.get(1).outcome()).isEqualTo("OK");
        assertThat(tempdir(harness)).isEmpty();
    }

    @Test
    void unloadFailingBeforeAnyFile_failsTheTable_andTheTempdirStaysEmpty() {
        ExportHarness harness = emulated("it-rs-fail");
        EmulatedRedshift.clearRecords();
        EmulatedRedshift.failNextUnload(EmulatedRedshift.Fault.BEFORE_FILES);

        harness.run("--date", DAY, "--tables", "way_speed", "--max-retries", "1");

        assertThat(harness.exitCode).as(harness.output).isNotZero();
        assertThat(harness.output).contains("UNLOAD failed before writing any file");
        assertThat(EmulatedRedshift.unloads()).singleElement().satisfies(unload -> assertThat(unload.keys()).isEmpty());
        assertThat(tempdir(harness)).isEmpty();
    }

    @Test
    void withoutAKmsKey_theExportRefusesToStart_andWithTheOptOut_theClusterRefusesTheUnload() {
        ExportHarness refused = emulated("it-rs-nokms");
        refused.environment.remove(Settings.REDSHIFT_SSE_KMS_KEY.environmentName());

        refused.run("--date", DAY, "--tables", "way_speed");

        assertThat(refused.exitCode).isNotZero();
        assertThat(refused.output).contains("Setting 'redshift.sse-kms-key' is not set");

        EmulatedRedshift.clearRecords();
        refused.set(Settings.REDSHIFT_ALLOW_UNENCRYPTED_TEMPDIR, "true");
        refused.run("--date", DAY, "--tables", "way_speed", "--max-retries", "1");

        assertThat(refused.exitCode).isNotZero();
        assertThat(refused.output).contains("ERROR: This cluster encrypts every UNLOAD with a customer managed key: add ENCRYPTED AUTO (the bucket's"
                + " default KMS key) or IAM_ROLE '<arn>' KMS_KEY_ID '<key>' ENCRYPTED");
        assertThat(EmulatedRedshift.unloads()).allSatisfy(unload -> assertThat(unload.command().encrypted()).isFalse());
        assertThat(tempdir(refused)).isEmpty();
    }

    private static ExportHarness emulated(String env) {
        ExportHarness harness = new ExportHarness(env);
        ConfigLoader.emulatedRedshiftValues(harness.stack.endpoints()).forEach((name, value) -> harness.set(
                Settings.ALL.stream().filter(key -> key.name().equals(name)).findFirst().orElseThrow(), value));
        return harness;
    }

    /** What the tempdir holds besides its own folder marker (S3A keeps one for the configured prefix). */
    private static List<String> tempdir(ExportHarness harness) {
        return harness.keys("redshift-unload/").stream().filter(key -> !key.equals("redshift-unload/")).toList();
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
