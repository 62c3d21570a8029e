package io.dataexporter.jobs.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataexporter.localstack.seed.SeedOptions;
import io.dataexporter.localstack.seed.SyntheticWarehouse;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The governance scan through the real export: a column added with ALTER TABLE, a rule whose column is gone, source
 * values and metric names no rule names, and e-mail addresses in a column the policy lets out in clear, each reported
 * in the manifest with its fix, with "attention" set, and no raw value anywhere in the manifest.
 */
class PolicyFindingsIT {

    private static final ExportHarness HARNESS = new ExportHarness("it-findings");
    private static final String WINDOW = "'2026-10-03T14:00:00Z' AND '2026-10-04T13:00:00Z'";
    private static String manifestText;
    private static JsonNode manifest;

    @BeforeAll
    static void seedDriftAndExport() throws Exception {
        try (Connection connection = HARNESS.stack.openConnection()) {
            SyntheticWarehouse.seed(connection, new SeedOptions(2000, 3, SeedOptions.DEFAULT_AROUND, 41));
        }
        HARNESS.execute("ALTER TABLE pm_internal.incident ADD COLUMN caller_email text",
                "UPDATE pm_internal.incident SET caller_email = 'caller' || incident_id || '@example.com'",
                "UPDATE pm_internal.cctv_event SET vehicle_class = 'owner' || camera_id || '@example.com' WHERE camera_id % 4 = 0",
                "INSERT INTO de_config.data_column_classification (table_name, column_name, classification, treatment, pii_type)"
                        + " VALUES ('way', 'retired_column', 'nr', NULL, NULL)");
        HARNESS.set(io.dataexporter.jobs.config.Settings.GOVERNANCE_SCAN_ROWS, "200");
        HARNESS.run("--date", "2026-10-04");
        assertThat(HARNESS.exitCode).as(HARNESS.output).isZero();
        try (S3Client s3 = HARNESS.s3()) {
            manifestText = s3.getObjectAsBytes(b -> b.bucket(HARNESS.stack.endpoints().bucket()).key("it-findings/2026/10/04/_manifest.json")).asUtf8String();
        }
        manifest = new ObjectMapper().readTree(manifestText);
    }

    @Test
    void aColumnAddedWithAlterTable_andARuleWhoseColumnIsGone_areDriftWithTheirFix() {
        assertThat(manifest.get("attention").asBoolean()).isTrue();
        assertThat(findings("incident", "column_without_rule")).containsExactly("caller_email | column caller_email has no rule in"
                + " data_column_classification: it is withheld until one names it | INSERT INTO de_config.data_column_classification (table_name,"
                + " column_name, classification, treatment, pii_type) VALUES ('incident', 'caller_email', '<nr|mx|hwc|de>', NULL, NULL);");
        assertThat(findings("way", "rule_without_column")).containsExactly("retired_column | data_column_classification names column retired_column,"
                + " which the table no longer has | DELETE FROM de_config.data_column_classification WHERE table_name = 'way' AND column_name ="
                + " 'retired_column';");
    }

    @Test
    void sourceValuesAndMetricNamesThatNoRuleNames_areReportedWithTheirRowCounts() throws Exception {
        long waze = count("SELECT count(*) FROM pm_internal.way_speed WHERE ts >= '2026-10-03T14:00:00Z' AND ts < '2026-10-04T13:00:00Z'"
                + " AND upper(btrim(source)) = 'WAZE'");
        long missing = count("SELECT count(*) FROM pm_internal.way_speed WHERE ts >= '2026-10-03T14:00:00Z' AND ts < '2026-10-04T13:00:00Z'"
                + " AND source IS NULL");

        assertThat(waze).isPositive();
        assertThat(findings("way_speed", "unknown_source")).containsExactlyInAnyOrder(
                "WAZE | " + waze + " row(s) in the window have source 'WAZE', which no rule names: its mx cells are withheld | INSERT INTO"
                        + " de_config.actual_data_classifications (source, classification) VALUES ('WAZE', '<nr|mx|hwc|de>');",
                "NULL | " + missing + " row(s) in the window have no source: its mx cells are withheld | fill source in the warehouse; a NULL has no rule");
        List<List<Object>> metrics = HARNESS.query("SELECT upper(btrim(metric_name)), count(*) FROM pm_internal.metrics_long WHERE ts >= '2026-10-03T14:00:00Z'"
                + " AND ts < '2026-10-04T13:00:00Z' AND upper(btrim(metric_name)) NOT IN (SELECT upper(btrim(metric_name)) FROM"
                + " de_config.long_table_data_classifications) GROUP BY 1 ORDER BY 1");
        List<String> expected = new ArrayList<>();
        for (List<Object> metric : metrics) {
            expected.add(metric.get(0) + " | " + metric.get(1) + " row(s) in the window have metric_name '" + metric.get(0) + "', which no rule names:"
                    + " its rows are not exported | INSERT INTO de_config.long_table_data_classifications (table_name, metric_name, classification)"
                    + " VALUES ('metrics_long', '" + metric.get(0) + "', '<nr|mx|hwc|de>');");
        }
        assertThat(expected).isNotEmpty();
        assertThat(findings("metrics_long", "unknown_metric")).containsExactlyInAnyOrderElementsOf(expected);
        String window = " FROM pm_internal.metrics_long WHERE ts >= '2026-10-03T14:00:00Z' AND ts < '2026-10-04T13:00:00Z'";
        long deRows = count("SELECT count(*)" + window + " AND upper(btrim(metric_name)) IN (SELECT upper(btrim(metric_name)) FROM"
                + " de_config.long_table_data_classifications WHERE table_name = 'metrics_long' AND classification = 'de')");
        long unknownRows = count("SELECT count(*)" + window + " AND (metric_name IS NULL OR upper(btrim(metric_name)) NOT IN (SELECT"
                + " upper(btrim(metric_name)) FROM de_config.long_table_data_classifications WHERE table_name = 'metrics_long'))");
        assertThat(deRows).isPositive();
        assertThat(manifest.get("tables").get("metrics_long").get("filtered_rows").toString())
                .isEqualTo("{\"de_metric\":" + deRows + ",\"unknown_metric\":" + unknownRows + "}");
        assertThat(manifest.get("tables").get("way_speed").get("filtered_rows").toString()).isEqualTo("{}");
    }

    @Test
    void emailAddressesInAColumnThatLeavesInClear_areReportedWithMaskedExamples_andNoRawValueIsInTheManifest() throws Exception {
        String window = " FROM pm_internal.cctv_event WHERE event_time >= '2026-10-03T14:00:00Z' AND event_time < '2026-10-04T13:00:00Z'";
        long sampled = count("SELECT count(*) FROM (SELECT 1" + window + " LIMIT 200) s");
        long hits = count("SELECT count(*)" + window + " AND camera_id % 4 = 0");
        assertThat(sampled).isLessThan(200); // every row of the window is in the sample, so the counts are exact
        assertThat(hits).isPositive();
        assertThat(findings("cctv_event", "pii_in_clear_column")).singleElement().satisfies(finding -> assertThat(finding).matches(
                "vehicle_class \\| " + hits + " of " + sampled + " sampled cells of vehicle_class hold EMAIL, e\\.g\\. xxxxx0+@xxxxxxx\\.xxx \\| xxxxx0+@xxxxxxx\\.xxx"
                        + " \\| UPDATE de_config\\.data_column_classification SET pii_type = 'EMAIL' WHERE table_name = 'cctv_event' AND column_name ="
                        + " 'vehicle_class'; \\(or FREE_TEXT, to scrub the column\\)"));
        assertThat(findings("incident", "pii_in_clear_column")).singleElement().satisfies(finding ->
                assertThat(finding).startsWith("caller_email | " + count("SELECT count(*) FROM (SELECT 1 FROM pm_internal.incident WHERE reported_at >="
                        + " '2026-10-03 14:00:00' AND reported_at < '2026-10-04 13:00:00' LIMIT 200) s") + " of "));
        assertThat(manifestText).doesNotContain("@example.com").doesNotContain("owner").doesNotContain("caller1");
        assertThat(HARNESS.output).doesNotContain("@example.com");
    }

    @Test
    void withTheWithholdAction_aColumnFoundHoldingPii_isWithheldFromTheRun() throws Exception {
        ExportHarness withhold = new ExportHarness("it-findings-withhold");
        withhold.set(io.dataexporter.jobs.config.Settings.GOVERNANCE_SCAN_ACTION, "withhold");

        withhold.run("--date", "2026-10-04", "--tables", "cctv_event");

        assertThat(withhold.exitCode).as(withhold.output).isZero();
        JsonNode table;
        try (S3Client s3 = withhold.s3()) {
            table = new ObjectMapper().readTree(s3.getObjectAsBytes(b -> b.bucket(withhold.stack.endpoints().bucket())
                    .key("it-findings-withhold/2026/10/04/_manifest.json")).asUtf8String()).get("tables").get("cctv_event");
            List<String> columns = new ArrayList<>();
            table.get("columns").forEach(column -> {
                if (column.get("fate").asText().equals("withheld")) {
                    columns.add(column.get("column").asText() + ": " + column.get("detail").asText());
                }
            });
            assertThat(columns).contains("vehicle_class: classified de");
            PolicyExpectation.Rows rows = new ParquetReadback(s3, withhold.stack.endpoints().bucket()).read("it-findings-withhold/2026/10/04/cctv_event/",
                    java.util.Set.of());
            assertThat(rows.columns()).doesNotContain("vehicle_class").contains("camera_id");
        }
        assertThat(table.get("policy_findings").toString()).contains("pii_in_clear_column");
    }

    @Test
    void theNextDay_aTypeChangeIsAFinding_aTreatmentThatNoLongerFitsWithholdsItsColumn_andOnlyNewFindingsAskForAttention() throws Exception {
        HARNESS.execute("ALTER TABLE pm_internal.way_speed ALTER COLUMN speed_kph TYPE text",
                "ALTER TABLE pm_internal.way_speed ALTER COLUMN sample_count TYPE bigint");
        JsonNode next;
        try {
            HARNESS.run("--date", "2026-10-05", "--tables", "way_speed");
            assertThat(HARNESS.exitCode).as(HARNESS.output).isZero();
            try (S3Client s3 = HARNESS.s3()) {
                next = new ObjectMapper().readTree(s3.getObjectAsBytes(b -> b.bucket(HARNESS.stack.endpoints().bucket())
                        .key("it-findings/2026/10/05/_manifest.json")).asUtf8String());
                PolicyExpectation.Rows rows = new ParquetReadback(s3, HARNESS.stack.endpoints().bucket()).read("it-findings/2026/10/05/way_speed/",
                        java.util.Set.of());
                assertThat(rows.columns()).contains("sample_count", "travel_time_s").doesNotContain("speed_kph");
            }
        } finally {
            HARNESS.execute("ALTER TABLE pm_internal.way_speed ALTER COLUMN speed_kph TYPE double precision USING speed_kph::double precision",
                    "ALTER TABLE pm_internal.way_speed ALTER COLUMN sample_count TYPE integer");
        }
        JsonNode table = next.get("tables").get("way_speed");
        assertThat(table.get("status").asText()).isEqualTo("COMPLETED");
        List<String> found = new ArrayList<>();
        table.get("policy_findings").forEach(finding -> found.add(finding.get("new").asBoolean() + " " + finding.get("kind").asText() + " "
                + finding.get("subject").asText() + " | " + finding.get("detail").asText().replaceAll("^\\d+ row", "N row") + " | " + finding.get("fix").asText()));
        assertThat(found).containsExactlyInAnyOrder(
                "true type_misfit speed_kph | column speed_kph is of type string in the warehouse, where treatment ROUND(0) on type string;"
                        + " ROUND applies to numbers: it is withheld until its rule or its type is mended | UPDATE de_config.data_column_classification"
                        + " SET treatment = '<a treatment for string>' WHERE table_name = 'way_speed' AND column_name = 'speed_kph'; (or restore the"
                        + " column's type in the warehouse)",
                "false unknown_source WAZE | N row(s) in the window have source 'WAZE', which no rule names: its mx cells are withheld | INSERT INTO"
                        + " de_config.actual_data_classifications (source, classification) VALUES ('WAZE', '<nr|mx|hwc|de>');",
                "false unknown_source NULL | N row(s) in the window have no source: its mx cells are withheld | fill source in the warehouse; a NULL"
                        + " has no rule",
                "true type_changed sample_count | column sample_count was of type int on 2026-10-04 and is of type bigint now; it is exported as is"
                        + " | check that its rule still fits the new type: SELECT * FROM de_config.data_column_classification WHERE table_name ="
                        + " 'way_speed' AND column_name = 'sample_count';");
        assertThat(next.get("attention").asBoolean()).isTrue();
        assertThat(next.get("new_findings").asLong()).isEqualTo(2);
        assertThat(next.get("findings_compared_with").asText()).isEqualTo("2026-10-04");
    }

    private static List<String> findings(String table, String kind) {
        List<String> found = new ArrayList<>();
        for (JsonNode finding : manifest.get("tables").get(table).get("policy_findings")) {
            if (finding.get("kind").asText().equals(kind)) {
                found.add(finding.get("subject").asText() + " | " + finding.get("detail").asText() + " | " + finding.get("fix").asText());
            }
        }
        return found;
    }

    private static long count(String sql) throws Exception {
        return ((Number) HARNESS.query(sql).get(0).get(0)).longValue();
    }
}
