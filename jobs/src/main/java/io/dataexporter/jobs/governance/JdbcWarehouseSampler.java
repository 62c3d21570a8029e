package io.dataexporter.jobs.governance;

import io.dataexporter.classification.expr.SqlDialect;
import io.dataexporter.classification.plan.TablePlan;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link WarehouseSampler} over JDBC: one bounded query per question (120 s each), in the warehouse's dialect. */
final class JdbcWarehouseSampler implements WarehouseSampler {

    private static final int QUERY_TIMEOUT_SECONDS = 120;

    private final Connection warehouse;
    private final SqlDialect dialect;

    JdbcWarehouseSampler(Connection warehouse, SqlDialect dialect) {
        this.warehouse = warehouse;
        this.dialect = dialect;
    }

    // One aggregate over the window (no LIMIT, so exact however many names there are).
    @Override
    public Map<String, Long> filteredRows(TablePlan plan) throws SQLException {
        String metric = normalized(plan.metricColumn().orElseThrow());
        String de = in(metric, new ArrayList<>(plan.deMetrics()));
        String known = in(metric, plan.knownMetrics().stream().sorted().toList());
        String sql = "SELECT sum(CASE WHEN " + de + " THEN 1 ELSE 0 END), sum(CASE WHEN " + metric + " IS NULL OR NOT (" + known + ") THEN 1 ELSE 0 END)"
                + " FROM " + FixStatements.table(plan) + FixStatements.where(plan.windowPredicates(dialect));
        try (PreparedStatement statement = warehouse.prepareStatement(sql)) {
            statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                Map<String, Long> counts = new LinkedHashMap<>();
                counts.put(PolicyScan.FILTER_REASONS.get(0), result.getLong(1));
                counts.put(PolicyScan.FILTER_REASONS.get(1), result.getLong(2));
                return counts;
            }
        }
    }

    @Override
    public List<ValueCount> valueCounts(TablePlan plan, String column, int limit) throws SQLException {
        String sql = "SELECT " + normalized(column) + " AS value, count(*) AS n FROM " + FixStatements.table(plan) + FixStatements.where(plan.windowPredicates(dialect))
                + " GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT " + limit;
        List<ValueCount> counts = new ArrayList<>();
        try (PreparedStatement statement = warehouse.prepareStatement(sql)) {
            statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    counts.add(new ValueCount(result.getString(1), result.getLong(2)));
                }
            }
        }
        return counts;
    }

    @Override
    public List<String> sample(TablePlan plan, String column, int rows) throws SQLException {
        List<String> conditions = new ArrayList<>(plan.windowPredicates(dialect));
        conditions.add(SqlDialect.quote(column) + " IS NOT NULL");
        String sql = "SELECT " + SqlDialect.quote(column) + " FROM " + FixStatements.table(plan) + FixStatements.where(conditions) + " LIMIT " + rows;
        List<String> cells = new ArrayList<>();
        try (PreparedStatement statement = warehouse.prepareStatement(sql)) {
            statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            statement.setFetchSize(1000);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    String cell = result.getString(1);
                    if (cell != null) {
                        cells.add(cell);
                    }
                }
            }
        }
        return cells;
    }

    private String in(String expression, List<String> values) {
        return values.isEmpty() ? "1 = 0" : expression + " IN (" + String.join(", ", values.stream().map(dialect::stringLiteral).toList()) + ")";
    }

    static String normalized(String column) {
        return "upper(btrim(" + SqlDialect.quote(column) + "))";
    }
}
