package io.dataexporter.classification.plan;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import io.dataexporter.classification.policy.Classification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One table's plan: what to read from the warehouse (columns and predicates, as SQL that PostgreSQL and Redshift
 * both run), one Column expression per output column, and the fate of every warehouse column.
 */
public final class TablePlan {

    private final String schema;
    private final String table;
    private final String policyVersion;
    private final TablePolicy policy;
    private final Optional<ExportWindow> window;
    private final List<ColumnFate> fates;
    private final List<String> selectedColumns;
    private final List<Column> outputColumns;

    TablePlan(String schema, String table, String policyVersion, TablePolicy policy, Optional<ExportWindow> window,
              List<ColumnFate> fates, List<String> selectedColumns, List<Column> outputColumns) {
        this.schema = schema;
        this.table = table;
        this.policyVersion = policyVersion;
        this.policy = policy;
        this.window = window;
        this.fates = List.copyOf(fates);
        this.selectedColumns = List.copyOf(selectedColumns);
        this.outputColumns = List.copyOf(outputColumns);
    }

    public String table() {
        return table;
    }

    public String qualifiedTable() {
        return schema + "." + table;
    }

    public String policyVersion() {
        return policyVersion;
    }

    public Optional<ExportWindow> window() {
        return window;
    }

    public List<ColumnFate> columnFates() {
        return fates;
    }

    public List<ColumnFate> withheldColumns() {
        return fates.stream().filter(ColumnFate::isWithheld).toList();
    }

    public List<String> warnings() {
        return policy.warnings();
    }

    /** Warehouse columns read; never a withheld one. */
    public List<String> selectedColumns() {
        return selectedColumns;
    }

    /** The time column the window applies to; empty for snapshot tables. */
    public Optional<String> timeColumn() {
        return policy.table().isSnapshot() ? Optional.empty() : Optional.of(policy.table().timeColumn());
    }

    /**
     * The warehouse query: the kept columns, the row's source and metric classes computed in the warehouse
     * (so a withheld source or metric column never leaves it), the time window, and only the rows of metrics
     * that the policy allows.
     */
    public String warehouseQuery() {
        List<String> items = new ArrayList<>(selectedColumns.stream().map(Identifiers::quote).toList());
        if (usesSourceClass()) {
            items.add(classCase(policy.table().sourceColumn(), policy.sources()) + " AS " + Identifiers.quote(CellLevel.SOURCE_CLASS));
        }
        if (policy.table().isLongFormat()) {
            items.add(classCase(policy.table().metricColumn(), policy.metrics()) + " AS " + Identifiers.quote(CellLevel.METRIC_CLASS));
        }
        String sql = "SELECT " + String.join(", ", items) + " FROM " + Identifiers.quote(schema) + "." + Identifiers.quote(table);
        List<String> predicates = warehousePredicates();
        return predicates.isEmpty() ? sql : sql + " WHERE " + String.join(" AND ", predicates);
    }

    /** The predicates of {@link #warehouseQuery()}: the window, and the allowed metrics of a long table. */
    public List<String> warehousePredicates() {
        List<String> predicates = new ArrayList<>();
        timeColumn().ifPresent(time -> window.ifPresent(w -> {
            predicates.add(Identifiers.quote(time) + " >= " + ExportWindow.sqlLiteral(w.start()));
            predicates.add(Identifiers.quote(time) + " < " + ExportWindow.sqlLiteral(w.end()));
        }));
        if (policy.table().isLongFormat()) {
            List<String> allowed = allowedMetrics();
            predicates.add(allowed.isEmpty() ? "1 = 0" : "upper(btrim(" + Identifiers.quote(policy.table().metricColumn()) + ")) IN ("
                    + String.join(", ", allowed.stream().map(Identifiers::stringLiteral).toList()) + ")");
        }
        return predicates;
    }

    /**
     * The warehouse query expressed over a whole raw table as a Dataset, for sources that cannot run SQL in the
     * warehouse: the same rows and columns that {@link #warehouseQuery()} returns.
     */
    public Dataset<Row> selectFromRawTable(Dataset<Row> rawTable) {
        Dataset<Row> rows = rawTable;
        if (timeColumn().isPresent() && window.isPresent()) {
            Column time = col(timeColumn().get());
            rows = rows.where(time.geq(lit(window.get().start())).and(time.lt(lit(window.get().end()))));
        }
        if (policy.table().isLongFormat()) {
            rows = rows.where(upper(trim(col(policy.table().metricColumn()), " ")).isin(allowedMetrics().toArray()));
        }
        List<Column> items = new ArrayList<>(selectedColumns.stream().map(c -> col(c)).toList());
        if (usesSourceClass()) {
            items.add(classColumn(policy.table().sourceColumn(), policy.sources()).as(CellLevel.SOURCE_CLASS));
        }
        if (policy.table().isLongFormat()) {
            items.add(classColumn(policy.table().metricColumn(), policy.metrics()).as(CellLevel.METRIC_CLASS));
        }
        return rows.select(items.toArray(Column[]::new));
    }

    /** Applies the policy to the rows of {@link #warehouseQuery()}. Column expressions only; triggers no action. */
    public Dataset<Row> transform(Dataset<Row> warehouseRows) {
        return warehouseRows.select(outputColumns.toArray(Column[]::new));
    }

    public String reportText() {
        return PlanReport.text(this);
    }

    public String reportJson() {
        return PlanReport.json(this);
    }

    private boolean usesSourceClass() {
        return policy.table().sourceColumn() != null && !policy.table().sourceColumn().isBlank()
                && (policy.table().isLongFormat() || policy.columnRules().values().stream()
                        .anyMatch(rule -> rule.classification() == Classification.MX && selectedColumns.contains(rule.column())));
    }

    private List<String> allowedMetrics() {
        return policy.metrics().entrySet().stream().filter(e -> e.getValue() != Classification.DE).map(Map.Entry::getKey).sorted().toList();
    }

    // Classes are the classification's ordinal; anything without a rule, and NULL, is de.
    private static String classCase(String column, Map<String, Classification> classes) {
        StringBuilder sql = new StringBuilder("CASE upper(btrim(" + Identifiers.quote(column) + "))");
        classes.entrySet().stream().filter(e -> e.getValue() != Classification.DE).sorted(Map.Entry.comparingByKey())
                .forEach(e -> sql.append(" WHEN ").append(Identifiers.stringLiteral(e.getKey())).append(" THEN ").append(e.getValue().ordinal()));
        return sql.append(" ELSE ").append(Classification.DE.ordinal()).append(" END").toString();
    }

    private static Column classColumn(String column, Map<String, Classification> classes) {
        Column normalized = upper(trim(col(column), " "));
        Column result = null;
        for (Map.Entry<String, Classification> e : classes.entrySet()) {
            if (e.getValue() == Classification.DE) {
                continue;
            }
            result = result == null ? when(normalized.equalTo(e.getKey()), e.getValue().ordinal())
                    : result.when(normalized.equalTo(e.getKey()), e.getValue().ordinal());
        }
        return result == null ? lit(Classification.DE.ordinal()) : result.otherwise(Classification.DE.ordinal());
    }
}
