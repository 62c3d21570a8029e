package io.dataexporter.jobs.classification;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexporter.classification.plan.ExportWindow;
import io.dataexporter.classification.plan.TablePlan;
import io.dataexporter.classification.plan.TablePlanner;
import io.dataexporter.classification.policy.HashKey;
import io.dataexporter.classification.policy.PolicyRows;
import io.dataexporter.jobs.TestSpark;
import io.dataexporter.jobs.policy.JdbcPolicyLoader;
import io.dataexporter.jobs.source.JdbcWarehouseSource;
import io.dataexporter.localstack.LocalStack;
import io.dataexporter.localstack.TestStack;
import io.dataexporter.localstack.seed.SeedOptions;
import io.dataexporter.localstack.seed.SyntheticWarehouse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Plants canaries in every cell that must not leave, runs every synthetic table through plan and transform,
 * and checks that no output cell holds a canary in any form.
 */
class CanaryIT {

    private static final String PEPPER = "pepper-for-canary-test-0001";
    private static final List<String> CANARIES = List.of("CANARY-DE-7Q", "CANARY-NORULE-7Q", "987654", "876543",
            "canary.person@leak.example.com", "0499 999 999", "10.99.99.99", "CNR999", "CANARY-HWC-EMAIL", PEPPER,
            "0412.345.678", "555) 123-4567", "2001:db8:85a3::8a2e:370:7334", "jöhn@exämple.de", "1ABC234", "490154203237518",
            "4111 1111 1111 1111", "王小明", "محمد", "S123XYZ");

    @Test
    void everySyntheticTable_leaksNoCanaryInAnyOutputCell() throws Exception {
        LocalStack stack = TestStack.get();
        PolicyRows policy;
        try (Connection connection = stack.openConnection(); Statement statement = connection.createStatement()) {
            SyntheticWarehouse.seed(connection, new SeedOptions(2000, 3, SeedOptions.DEFAULT_AROUND, 42));
            // de column, unclassified column
            statement.execute("UPDATE pm_internal.way SET maintenance_contact = 'CANARY-DE-7Q'");
            statement.execute("UPDATE pm_internal.cctv_event SET internal_ref = 'CANARY-NORULE-7Q'");
            // mx cells of de, NULL and unknown sources
            statement.execute("UPDATE pm_internal.way_speed SET speed_kph = 987654.4, travel_time_s = 987654.4"
                    + " WHERE source IS NULL OR upper(btrim(source)) NOT IN ('FUSION', 'TOMTOM')");
            // rows of de and unknown metrics, and mx metrics of sources other than nr
            statement.execute("UPDATE pm_internal.metrics_long SET value = 876543.21, entity_id = 876543"
                    + " WHERE upper(btrim(metric_name)) IN ('RAW_PROBE_COUNT', 'LEGACY_SCORE')");
            statement.execute("UPDATE pm_internal.metrics_long SET value = 876543.21"
                    + " WHERE upper(btrim(metric_name)) = 'OCCUPANCY' AND (source IS NULL OR upper(btrim(source)) <> 'FUSION')");
            // PII inside free text and in PII columns
            statement.execute("UPDATE pm_internal.cctv_event SET notes = 'Vehicle CNR999 seen by canary.person@leak.example.com, call 0499 999 999'"
                    + " || ' from 10.99.99.99', plate_number = 'CNR999', operator_email = 'canary.person@leak.example.com'");
            statement.execute("UPDATE pm_internal.incident SET description = 'Reporter canary.person@leak.example.com on 0499 999 999 saw CNR999'");
            // forms the first scrubber missed, and names in caseless scripts
            statement.execute("UPDATE pm_internal.incident SET description = 'Call 0412.345.678 or +1 (555) 123-4567; host 2001:db8:85a3::8a2e:370:7334;"
                    + " mail jöhn@exämple.de; WA car 1ABC234, SA car S123XYZ; handset 490154203237518; card 4111 1111 1111 1111'"
                    + " WHERE incident_id % 2 = 0");
            statement.execute("UPDATE pm_internal.cctv_event SET operator_name = CASE WHEN camera_id % 2 = 0 THEN '王小明' ELSE 'محمد علي' END");
            policy = new JdbcPolicyLoader("de_config").load(connection);
        }
        JdbcWarehouseSource source = new JdbcWarehouseSource(TestSpark.get(), stack.endpoints().jdbcUrl(), stack.endpoints().user(),
                stack.endpoints().password(), "pm_internal");
        ExportWindow allDays = new ExportWindow(Instant.parse("2026-10-01T00:00:00Z"), Instant.parse("2026-10-07T00:00:00Z"));

        List<String> cells = new ArrayList<>();
        int tables = 0;
        for (PolicyRows.ExportTableRow table : policy.enabledTables()) {
            TablePlan plan = TablePlanner.plan(policy, "pm_internal", table.tableName(), source.schema(table.tableName()),
                    table.isSnapshot() ? Optional.empty() : Optional.of(allDays), Optional.of(HashKey.fromPepper(PEPPER)));
            List<Row> rows = plan.transform(source.read(plan)).collectAsList();
            assertThat(rows).as(table.tableName()).isNotEmpty();
            rows.forEach(row -> {
                for (int i = 0; i < row.size(); i++) {
                    cells.add(String.valueOf(row.get(i)));
                }
            });
            tables++;
        }

        assertThat(tables).isEqualTo(5);
        for (String cell : cells) {
            String lower = cell.toLowerCase(Locale.ROOT);
            for (String canary : CANARIES) {
                assertThat(lower).doesNotContain(canary.toLowerCase(Locale.ROOT))
                        .doesNotContain(Base64.getEncoder().encodeToString(canary.getBytes()).toLowerCase(Locale.ROOT));
            }
            assertThat(lower).doesNotContain("canary");
        }
        assertThat(cells).contains("Vehicle <PLATE> seen by <EMAIL>, call <PHONE> from <IP>", "Reporter <EMAIL> on <PHONE> saw <PLATE>",
                "Call <PHONE> or <PHONE>; host <IP>; mail <EMAIL>; WA car <PLATE>, SA car <PLATE>; handset <DEVICE_ID>; card <CARD>", "xxx",
                "xxxx xxx");
    }
}
