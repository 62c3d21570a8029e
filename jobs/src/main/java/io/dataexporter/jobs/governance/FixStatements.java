package io.dataexporter.jobs.governance;

import io.dataexporter.classification.expr.SqlDialect;
import io.dataexporter.classification.plan.TablePlan;
import java.util.List;

/**
 * The fixes findings carry, as statements an operator pastes into the warehouse: they know the policy's tables in
 * schema {@code de_config}, and every literal is the dialect's own ({@link SqlDialect#stringLiteral}), so a pasted fix
 * runs what it says. The classification is left for a person to choose.
 */
final class FixStatements {

    static final String POLICY_SCHEMA = "de_config";
    private static final String CHOOSE = "'<nr|mx|hwc|de>'";

    private final SqlDialect dialect;
    private final String table;

    FixStatements(SqlDialect dialect, String table) {
        this.dialect = dialect;
        this.table = table;
    }

    String addColumnRule(String column) {
        return "INSERT INTO " + POLICY_SCHEMA + ".data_column_classification (table_name, column_name, classification, treatment, pii_type) VALUES ("
                + literal(table) + ", " + literal(column) + ", " + CHOOSE + ", NULL, NULL);";
    }

    String retreat(String column, String type) {
        return "UPDATE " + POLICY_SCHEMA + ".data_column_classification SET treatment = '<a treatment for " + type + ">' WHERE table_name = "
                + literal(table) + " AND column_name = " + literal(column) + "; (or restore the column's type in the warehouse)";
    }

    String showRules(String... columns) {
        return "SELECT * FROM " + POLICY_SCHEMA + ".data_column_classification WHERE table_name = " + literal(table) + " AND column_name IN ("
                + String.join(", ", java.util.Arrays.stream(columns).map(this::literal).toList()) + ");";
    }

    String deleteColumnRule(String column) {
        return "DELETE FROM " + POLICY_SCHEMA + ".data_column_classification WHERE table_name = " + literal(table) + " AND column_name = " + literal(column) + ";";
    }

    String addSourceRule(String value) {
        return "INSERT INTO " + POLICY_SCHEMA + ".actual_data_classifications (source, classification) VALUES (" + literal(value) + ", " + CHOOSE + ");";
    }

    String addMetricRule(String value) {
        return "INSERT INTO " + POLICY_SCHEMA + ".long_table_data_classifications (table_name, metric_name, classification) VALUES (" + literal(table)
                + ", " + literal(value) + ", " + CHOOSE + ");";
    }

    String setPiiType(String column, String piiType) {
        return "UPDATE " + POLICY_SCHEMA + ".data_column_classification SET pii_type = " + literal(piiType) + " WHERE table_name = " + literal(table)
                + " AND column_name = " + literal(column) + "; (or FREE_TEXT, to scrub the column)";
    }

    /** The query that lists, in the warehouse, the values of a column that no rule names (none shown in the finding). */
    String listUnknownValues(TablePlan plan, String column, List<String> known) {
        String folded = JdbcWarehouseSampler.normalized(column);
        List<String> conditions = new java.util.ArrayList<>(plan.windowPredicates(dialect));
        conditions.add(known.isEmpty() ? folded + " IS NOT NULL" : folded + " NOT IN (" + String.join(", ", known.stream().sorted().map(this::literal).toList()) + ")");
        return "SELECT " + folded + " AS value, count(*) FROM " + table(plan) + where(conditions) + " GROUP BY 1 ORDER BY 2 DESC";
    }

    private String literal(String value) {
        return dialect.stringLiteral(value);
    }

    static String table(TablePlan plan) {
        String[] parts = plan.qualifiedTable().split("\\.", 2);
        return SqlDialect.quote(parts[0]) + "." + SqlDialect.quote(parts[1]);
    }

    static String where(List<String> conditions) {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }
}
