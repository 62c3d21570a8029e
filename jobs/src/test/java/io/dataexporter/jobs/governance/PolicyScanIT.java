package io.dataexporter.jobs.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexporter.classification.plan.ExportWindow;
import io.dataexporter.classification.expr.SqlDialect;
import io.dataexporter.classification.plan.TablePlan;
import io.dataexporter.classification.plan.TablePlanner;
import io.dataexporter.classification.policy.HashKey;
import io.dataexporter.classification.policy.PolicyRows;
import io.dataexporter.jobs.config.JdbcTarget;
import io.dataexporter.jobs.source.JdbcWarehouseSource;
import io.dataexporter.jobs.TestSpark;
import io.dataexporter.jobs.policy.JdbcPolicyLoader;
import io.dataexporter.localstack.LocalStack;
import io.dataexporter.localstack.TestStack;
import io.dataexporter.localstack.seed.SeedOptions;
import io.dataexporter.localstack.seed.SyntheticWarehouse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the governance scan may publish: no value of a column that does not leave the warehouse in clear, no driver
 * message, and fixes whose literals are the dialect's own, so that pasting one into the warehouse runs what it says.
 */
class PolicyScanIT {

    private static final ExportWindow DAY = new ExportWindow(Instant.parse("2026-10-03T14:00:00Z"), Instant.parse("2026-10-04T13:00:00Z"));
    private static final HashKey KEY = HashKey.fromPepper("pepper-for-tests-0001");
    private static final PolicyScan.Settings SETTINGS = new PolicyScan.Settings(0, 0.05);
    private static final String INJECTION = "x\\', NULL); DROP TABLE de_config.export_tables; --";
    private static PolicyRows policy;
    private static StructType schema;

    @BeforeAll
    static void seed() throws Exception {
        LocalStack stack = TestStack.get();
        try (Connection connection = stack.openConnection(); Statement statement = connection.createStatement()) {
            SyntheticWarehouse.seed(connection, new SeedOptions(2000, 3, SeedOptions.DEFAULT_AROUND, 43));
            statement.execute("INSERT INTO pm_internal.way_speed (ts, way_id, speed_kph, travel_time_s, sample_count, source) SELECT ts, way_id,"
                    + " speed_kph, travel_time_s, sample_count, 'Jane Citizen 0412 345 678' FROM pm_internal.way_speed"
                    + " WHERE ts >= '2026-10-03T14:00:00Z' AND ts < '2026-10-04T13:00:00Z' LIMIT 3");
            try (var insert = connection.prepareStatement("INSERT INTO pm_internal.way_speed (ts, way_id, speed_kph, travel_time_s, sample_count, source)"
                    + " SELECT ts, way_id, speed_kph, travel_time_s, sample_count, ? FROM pm_internal.way_speed"
                    + " WHERE ts >= '2026-10-03T14:00:00Z' AND ts < '2026-10-04T13:00:00Z' LIMIT 2")) {
                insert.setString(1, INJECTION);
                insert.execute();
            }
            policy = new JdbcPolicyLoader("de_config").load(connection);
        }
        schema = new JdbcWarehouseSource(TestSpark.get(), stack.endpoints().jdbcUrl(), stack.endpoints().user(), stack.endpoints().password(),
                "pm_internal").schema("way_speed");
    }

    @Test
    void unknownSources_ofASourceColumnThatIsWithheld_areCountedNeverShown_andTheFixListsThemInTheWarehouse() throws Exception {
        List<PolicyRows.ColumnRuleRow> rules = new ArrayList<>();
        for (PolicyRows.ColumnRuleRow rule : policy.columnRules()) {
            boolean source = rule.tableName().equals("way_speed") && rule.columnName().equals("source");
            rules.add(source ? new PolicyRows.ColumnRuleRow("way_speed", "source", "de", null, null) : rule);
        }
        PolicyRows withheld = new PolicyRows(policy.exportTables(), rules, policy.sourceRules(), policy.metricRules());
        TablePlan plan = TablePlanner.plan(withheld, "pm_internal", "way_speed", schema, Optional.of(DAY), Optional.of(KEY));

        List<Finding> findings = scan(plan, SqlDialect.POSTGRESQL);
        String published = findings.toString();

        assertThat(published).doesNotContain("JANE", "0412", "WAZE", "DROP TABLE");
        Finding counted = findings.stream().filter(finding -> finding.kind() == FindingKind.UNKNOWN_SOURCE && finding.subject().equals("source"))
                .findFirst().orElseThrow();
        long rows = count("SELECT count(*) FROM pm_internal.way_speed WHERE ts >= '2026-10-03T14:00:00Z' AND ts < '2026-10-04T13:00:00Z'"
                + " AND upper(btrim(source)) NOT IN ('FUSION', 'HERE', 'TOMTOM')");
        assertThat(counted.detail()).isEqualTo(rows + " row(s) in the window have one of 3 value(s) of source that no rule names (source is not"
                + " exported in clear, so its values are not shown here): its mx cells are withheld");
        assertThat(counted.fix()).startsWith("list them in the warehouse: SELECT upper(btrim(\"source\")) AS value, count(*) FROM \"pm_internal\".\"way_speed\""
                + " WHERE ").endsWith(" AND upper(btrim(\"source\")) NOT IN ('FUSION', 'HERE', 'TOMTOM') GROUP BY 1 ORDER BY 2 DESC; then give each a rule:"
                + " INSERT INTO de_config.actual_data_classifications (source, classification) VALUES ('<value>', '<nr|mx|hwc|de>');");
        try (Connection connection = TestStack.get().openConnection(); Statement statement = connection.createStatement();
             ResultSet listed = statement.executeQuery(counted.fix().substring("list them in the warehouse: ".length(), counted.fix().indexOf("; then")))) {
            List<String> values = new ArrayList<>();
            while (listed.next()) {
                values.add(listed.getString(1));
            }
            assertThat(values).containsExactlyInAnyOrder("WAZE", "JANE CITIZEN 0412 345 678", INJECTION.toUpperCase(java.util.Locale.ROOT));
        }
    }

    @Test
    void fixOfASourceValueWithAQuoteAndABackslash_insertsExactlyThatValue_inEitherDialectsStringSyntax() throws Exception {
        TablePlan plan = TablePlanner.plan(policy, "pm_internal", "way_speed", schema, Optional.of(DAY), Optional.of(KEY));
        String value = INJECTION.toUpperCase(java.util.Locale.ROOT);
        for (SqlDialect dialect : List.of(SqlDialect.POSTGRESQL, SqlDialect.REDSHIFT)) {
            Finding finding = scan(plan, dialect).stream().filter(f -> f.kind() == FindingKind.UNKNOWN_SOURCE && f.subject().equals(value))
                    .findFirst().orElseThrow();
            try (Connection connection = TestStack.get().openConnection(); Statement statement = connection.createStatement()) {
                connection.setAutoCommit(false);
                // Redshift reads a backslash in a string as an escape, as PostgreSQL does with standard_conforming_strings off
                statement.execute("SET standard_conforming_strings = " + (dialect == SqlDialect.REDSHIFT ? "off" : "on"));
                statement.execute(finding.fix().replace("'<nr|mx|hwc|de>'", "'de'"));
                try (ResultSet inserted = statement.executeQuery("SELECT source FROM de_config.actual_data_classifications WHERE classification = 'de'"
                        + " AND source LIKE 'X%'")) {
                    assertThat(inserted.next()).as(dialect.name()).isTrue();
                    assertThat(inserted.getString(1)).as(dialect.name()).isEqualTo(value);
                }
                try (ResultSet table = statement.executeQuery("SELECT to_regclass('de_config.export_tables') IS NOT NULL")) {
                    table.next();
                    assertThat(table.getBoolean(1)).as(dialect.name()).isTrue();
                }
                connection.rollback();
            }
        }
    }

    @Test
    void scanFailed_givesTheSqlStateOnly_neverTheDriversMessage() {
        TablePlan plan = TablePlanner.plan(policy, "pm_internal", "way_speed", schema, Optional.of(DAY), Optional.of(KEY));
        JdbcTarget nowhere = new JdbcTarget("jdbc:postgresql://127.0.0.1:1/warehouse_db", "export_role", "secret-password");

        List<Finding> findings = PolicyScan.scan(nowhere, plan, schema, SqlDialect.POSTGRESQL, SETTINGS).findings();

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo(FindingKind.SCAN_FAILED);
            assertThat(finding.detail()).isEqualTo("the governance scan could not connect to the warehouse (SQL state 08001)");
            assertThat(finding.toString()).doesNotContain("127.0.0.1", ":1", "warehouse_db", "export_role", "secret-password");
        });
    }

    @Test
    void compressedColumnWhoseRuleContradictsItsTwin_isATwinConflictFinding_whoseFixListsBothRows_andTheRestOfTheTableLeaves() throws Exception {
        List<PolicyRows.ColumnRuleRow> rules = new ArrayList<>();
        for (PolicyRows.ColumnRuleRow rule : policy.columnRules()) {
            boolean twin = rule.tableName().equals("way") && rule.columnName().equals("geoj_way_feature");
            rules.add(twin ? new PolicyRows.ColumnRuleRow("way", "geoj_way_feature", "de", null, null) : rule);
        }
        PolicyRows conflicting = new PolicyRows(policy.exportTables(), rules, policy.sourceRules(), policy.metricRules());
        StructType way = new JdbcWarehouseSource(TestSpark.get(), TestStack.get().endpoints().jdbcUrl(), TestStack.get().endpoints().user(),
                TestStack.get().endpoints().password(), "pm_internal").schema("way");
        TablePlan plan = TablePlanner.plan(conflicting, "pm_internal", "way", way, Optional.empty(), Optional.of(KEY));

        List<Finding> findings;
        try (Connection connection = TestStack.get().openConnection()) {
            findings = PolicyScan.scan(connection, plan, way, SqlDialect.POSTGRESQL, SETTINGS).findings();
        }

        assertThat(plan.selectedColumns()).doesNotContain("geoj_way_feature_compressed").contains("way_id", "name");
        Finding conflict = findings.stream().filter(finding -> finding.kind() == FindingKind.TWIN_CONFLICT).findFirst().orElseThrow();
        assertThat(conflict).isEqualTo(new Finding(FindingKind.TWIN_CONFLICT, "geoj_way_feature_compressed", "column geoj_way_feature_compressed is"
                + " withheld: 'geoj_way_feature' is classified de (data_column_classification row ('way', 'geoj_way_feature', 'de', NULL, NULL)),"
                + " so its content stays in the warehouse, while its own data_column_classification row ('way', 'geoj_way_feature_compressed',"
                + " 'hwc', 'EXPAND_GZIP', NULL) exports it; classify 'geoj_way_feature_compressed' de", "SELECT * FROM"
                + " de_config.data_column_classification WHERE table_name = 'way' AND column_name IN ('geoj_way_feature_compressed',"
                + " 'geoj_way_feature');"));
        assertThat(count("SELECT count(*) FROM (" + conflict.fix().replace(";", "") + ") AS rows")).isEqualTo(2);
    }

    private static List<Finding> scan(TablePlan plan, SqlDialect dialect) throws Exception {
        try (Connection connection = TestStack.get().openConnection()) {
            return PolicyScan.scan(connection, plan, schema, dialect, SETTINGS).findings();
        }
    }

    private static long count(String sql) throws Exception {
        try (Connection connection = TestStack.get().openConnection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
