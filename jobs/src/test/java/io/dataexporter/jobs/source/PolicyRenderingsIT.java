package io.dataexporter.jobs.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexporter.classification.plan.ExportWindow;
import io.dataexporter.classification.plan.TablePlan;
import io.dataexporter.classification.plan.TablePlanner;
import io.dataexporter.classification.policy.HashKey;
import io.dataexporter.classification.policy.PolicyRows;
import io.dataexporter.jobs.TestSpark;
import io.dataexporter.localstack.LocalStack;
import io.dataexporter.localstack.TestStack;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The policy's one expression tree, rendered twice: random policies (classes, treatments of every type, source and metric
 * rules, windows, wide and long tables) over random rows, each run as the warehouse query in PostgreSQL and as Spark
 * Columns over the raw table ({@code selectFromRawTable}), must return the same rows, cell by cell.
 */
class PolicyRenderingsIT {

    private static final String TABLE = "render_cells";
    private static final Instant DAY = Instant.parse("2026-10-03T14:00:00Z");
    private static final List<String> SOURCES = List.of("FUSION", "HERE", "TOMTOM", "WAZE");
    private static final List<String> METRICS = List.of("SPEED", "VOLUME", "FLOW", "OCCUPANCY");
    private static final Map<String, List<String>> TREATMENTS_BY_COLUMN = Map.of(
            "i", List.of("ROUND(0)", "ROUND(-1)", "BUCKET(5)", "BUCKET(100)", "HASH", "NULLIFY", ""),
            "b", List.of("ROUND(-2)", "BUCKET(7)", "BUCKET(1000000)", "HASH", "NULLIFY", ""),
            "d", List.of("ROUND(2)", "ROUND(0)", "ROUND(-1)", "HASH", "NULLIFY", ""),
            "r", List.of("ROUND(1)", "NULLIFY", ""),
            "n", List.of("ROUND(2)", "ROUND(0)", "HASH", ""),
            "ts", List.of("TRUNCATE(hour)", "TRUNCATE(day)", "YEAR_ONLY", "HASH", ""),
            "day", List.of("TRUNCATE(day)", "YEAR_ONLY", "NULLIFY", ""),
            "t", List.of("REDACT", "SHOW_LAST_4", "SHOW_FIRST_4", "HASH", "NULLIFY", ""));
    private static final List<String> CLASSES = List.of("nr", "mx", "hwc", "de");
    private static JdbcWarehouseSource source;
    private static Dataset<Row> raw;

    @BeforeAll
    static void table() throws Exception {
        LocalStack stack = TestStack.get();
        Random random = new Random(20261207);
        try (Connection connection = stack.openConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS pm_internal");
            statement.execute("DROP TABLE IF EXISTS pm_internal." + TABLE);
            statement.execute("CREATE TABLE pm_internal." + TABLE + " (id bigint, source text, metric text, ts timestamptz, day date, i integer, b bigint,"
                    + " d double precision, r real, n numeric(12, 4), t text)");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO pm_internal." + TABLE + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int id = 0; id < 400; id++) {
                    insert.setLong(1, id);
                    insert.setObject(2, random.nextInt(8) == 0 ? null : pick(random, SOURCES) + (random.nextInt(6) == 0 ? " " : ""));
                    insert.setObject(3, random.nextInt(10) == 0 ? null : (random.nextBoolean() ? "" : " ") + pick(random, METRICS).toLowerCase());
                    insert.setTimestamp(4, Timestamp.from(DAY.plusSeconds(random.nextInt(2 * 86_400) - 43_200L)));
                    insert.setObject(5, random.nextInt(7) == 0 ? null : java.sql.Date.valueOf(java.time.LocalDate.of(1950 + random.nextInt(80), 1 + random.nextInt(12),
                            1 + random.nextInt(28))));
                    int[] edges = {Integer.MIN_VALUE, Integer.MAX_VALUE, -7, 0, 7};
                    insert.setObject(6, random.nextInt(9) == 0 ? null : random.nextInt(3) == 0 ? edges[random.nextInt(edges.length)] : random.nextInt(2001) - 1000);
                    insert.setObject(7, random.nextInt(9) == 0 ? null : random.nextLong() >> random.nextInt(60));
                    insert.setObject(8, random.nextInt(9) == 0 ? null : (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(12) - 3));
                    insert.setObject(9, random.nextInt(9) == 0 ? null : (float) ((random.nextDouble() - 0.5) * 2000));
                    insert.setObject(10, random.nextInt(9) == 0 ? null : BigDecimal.valueOf(random.nextLong() % 10_000_000_000L, 4).setScale(4));
                    insert.setObject(11, random.nextInt(9) == 0 ? null : List.of("", "ab", "abcd", "abcde", "Jane Citizen 0412 345 678", "Ünïcødé 12", "x")
                            .get(random.nextInt(7)));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
        source = new JdbcWarehouseSource(TestSpark.get(), stack.endpoints().jdbcUrl(), stack.endpoints().user(), stack.endpoints().password(), "pm_internal");
        raw = TestSpark.get().read().format("jdbc").option("url", stack.endpoints().jdbcUrl()).option("user", stack.endpoints().user())
                .option("password", stack.endpoints().password()).option("driver", "org.postgresql.Driver").option("sessionInitStatement", "SET TIME ZONE 'UTC'")
                .option("query", "SELECT * FROM pm_internal." + TABLE).load().cache();
    }

    @Test
    void randomPolicies_returnTheSameCells_fromTheWarehouseQueryAndFromSparkColumnsOverTheRawTable() {
        StructType schema = source.schema(TABLE);
        Random random = new Random(7);
        List<String> mismatches = new ArrayList<>();
        int cells = 0;
        for (int round = 0; round < 16; round++) {
            PolicyRows policy = randomPolicy(random, round % 2 == 1);
            Optional<ExportWindow> window = random.nextBoolean() ? Optional.of(new ExportWindow(DAY, DAY.plusSeconds(86_400))) : Optional.empty();
            TablePlan plan = TablePlanner.plan(policy, "pm_internal", TABLE, schema, window, Optional.of(HashKey.fromPepper("pepper-for-tests-0001")));

            List<String> inWarehouse = rows(source.read(plan));
            List<String> inSpark = rows(plan.selectFromRawTable(raw));

            cells += inWarehouse.size() * plan.selectedColumns().size();
            if (!inWarehouse.equals(inSpark)) {
                for (int i = 0; i < Math.max(inWarehouse.size(), inSpark.size()); i++) {
                    String sql = i < inWarehouse.size() ? inWarehouse.get(i) : "(none)";
                    String spark = i < inSpark.size() ? inSpark.get(i) : "(none)";
                    if (!sql.equals(spark)) {
                        mismatches.add("round " + round + " " + policy.columnRules() + ": warehouse " + sql + " | spark " + spark);
                        break;
                    }
                }
            }
        }
        System.out.println("PolicyRenderingsIT: 16 random policies, " + cells + " cells compared");
        assertThat(mismatches).isEmpty();
        assertThat(cells).isGreaterThan(5000);
    }

    private static PolicyRows randomPolicy(Random random, boolean longTable) {
        List<PolicyRows.ColumnRuleRow> columns = new ArrayList<>();
        columns.add(new PolicyRows.ColumnRuleRow(TABLE, "id", "nr", null, null));
        columns.add(new PolicyRows.ColumnRuleRow(TABLE, "source", "nr", null, null));
        columns.add(new PolicyRows.ColumnRuleRow(TABLE, "metric", "nr", null, null));
        List<String> values = new ArrayList<>();
        TREATMENTS_BY_COLUMN.forEach((column, treatments) -> {
            String treatment = pick(random, treatments);
            columns.add(new PolicyRows.ColumnRuleRow(TABLE, column, pick(random, CLASSES), treatment.isEmpty() ? null : treatment, null));
            if (random.nextBoolean()) {
                values.add(column);
            }
        });
        List<PolicyRows.SourceRuleRow> sources = new ArrayList<>();
        SOURCES.stream().filter(s -> random.nextInt(4) > 0).forEach(s -> sources.add(new PolicyRows.SourceRuleRow(s, pick(random, List.of("nr", "hwc", "de")))));
        List<PolicyRows.MetricRuleRow> metrics = new ArrayList<>();
        METRICS.stream().filter(m -> random.nextInt(4) > 0).forEach(m -> metrics.add(new PolicyRows.MetricRuleRow(TABLE, m, pick(random, CLASSES))));
        boolean asLong = longTable && !values.isEmpty();
        PolicyRows.ExportTableRow table = new PolicyRows.ExportTableRow(TABLE, true, "ts", "source", asLong ? "metric" : null,
                asLong ? String.join(",", values) : null);
        return new PolicyRows(List.of(table), columns, sources, metrics);
    }

    // each row as text, in id order; numbers as their exact decimal value, so that types that differ only in scale compare equal
    private static List<String> rows(Dataset<Row> rows) {
        List<String> out = new ArrayList<>();
        for (Row row : rows.collectAsList()) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                Object value = row.get(i);
                text.append(row.schema().fields()[i].name()).append('=');
                if (value instanceof BigDecimal decimal) {
                    text.append(decimal.stripTrailingZeros().toPlainString());
                } else if (value instanceof Float f) {
                    text.append(Float.toString(f));
                } else {
                    text.append(value);
                }
                text.append(' ');
            }
            out.add(text.toString());
        }
        out.sort(Comparator.comparingLong(line -> Long.parseLong(line.substring(3, line.indexOf(' ')))));
        return out;
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
