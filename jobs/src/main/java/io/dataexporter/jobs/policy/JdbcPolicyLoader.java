package io.dataexporter.jobs.policy;

import io.dataexporter.classification.policy.PolicyRows;
import io.dataexporter.classification.policy.PolicyRows.ColumnRuleRow;
import io.dataexporter.classification.policy.PolicyRows.ExportTableRow;
import io.dataexporter.classification.policy.PolicyRows.MetricRuleRow;
import io.dataexporter.classification.policy.PolicyRows.SourceRuleRow;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the policy from the four tables of {@code de_config} in the warehouse, in a stable order (every column sorted),
 * so that the same rows always give the same messages; duplicates are the planner's to report, never a silent pick.
 */
public final class JdbcPolicyLoader {

    private final String schema;

    public JdbcPolicyLoader(String schema) {
        if (!schema.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Policy schema '" + schema + "' is not a valid identifier");
        }
        this.schema = schema;
    }

    public PolicyRows load(Connection connection) throws SQLException {
        List<ExportTableRow> tables = new ArrayList<>();
        query(connection, "SELECT table_name, enabled, time_column, source_column, metric_column, value_columns FROM " + schema + ".export_tables"
                + " ORDER BY table_name, enabled, time_column, source_column, metric_column, value_columns",
                rs -> tables.add(new ExportTableRow(rs.getString(1), rs.getBoolean(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6))));
        List<ColumnRuleRow> columns = new ArrayList<>();
        query(connection, "SELECT table_name, column_name, classification, treatment, pii_type FROM " + schema + ".data_column_classification"
                + " ORDER BY table_name, column_name, classification, treatment, pii_type",
                rs -> columns.add(new ColumnRuleRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5))));
        List<SourceRuleRow> sources = new ArrayList<>();
        query(connection, "SELECT source, classification FROM " + schema + ".actual_data_classifications ORDER BY source, classification",
                rs -> sources.add(new SourceRuleRow(rs.getString(1), rs.getString(2))));
        List<MetricRuleRow> metrics = new ArrayList<>();
        query(connection, "SELECT table_name, metric_name, classification FROM " + schema + ".long_table_data_classifications"
                + " ORDER BY table_name, metric_name, classification",
                rs -> metrics.add(new MetricRuleRow(rs.getString(1), rs.getString(2), rs.getString(3))));
        return new PolicyRows(tables, columns, sources, metrics);
    }

    private interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    private static void query(Connection connection, String sql, RowReader reader) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                reader.read(rows);
            }
        } catch (SQLException e) {
            throw new SQLException("Cannot load the export policy (" + sql + "): " + e.getMessage(), e.getSQLState(), e);
        }
    }
}
