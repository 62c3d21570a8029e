package io.dataexporter.classification.plan;

import static io.dataexporter.classification.expr.Expr.call;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.dataexporter.classification.expr.Expr;
import io.dataexporter.classification.expr.Fn;
import io.dataexporter.classification.expr.SqlDialect;
import io.dataexporter.classification.policy.Classification;
import io.dataexporter.classification.policy.HashKey;
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
    private final List<CellRecipe> recipes;
    private final HashKey hashKey;

    TablePlan(String schema, String table, String policyVersion, TablePolicy policy, Optional<ExportWindow> window,
              List<ColumnFate> fates, List<CellRecipe> recipes, HashKey hashKey) {
        this.schema = schema;
        this.table = table;
        this.policyVersion = policyVersion;
        this.policy = policy;
        this.window = window;
        this.fates = List.copyOf(fates);
        this.recipes = List.copyOf(recipes);
        this.hashKey = hashKey;
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

    /** The table's source column, if it has one. */
    public Optional<String> sourceColumn() {
        return Optional.ofNullable(policy.table().sourceColumn());
    }

    /** A long table's metric column. */
    public Optional<String> metricColumn() {
        return policy.table().isLongFormat() ? Optional.of(policy.table().metricColumn()) : Optional.empty();
    }

    /** The source values the policy has a rule for, as matched (trimmed, upper case). */
    public java.util.Set<String> knownSources() {
        return java.util.Set.copyOf(policy.sources().keySet());
    }

    /** The metric names the policy has a rule for, as matched (trimmed, upper case). */
    public java.util.Set<String> knownMetrics() {
        return java.util.Set.copyOf(policy.metrics().keySet());
    }

    /** A long table's metric names classified de, as matched: their rows never leave the warehouse. */
    public java.util.Set<String> deMetrics() {
        return policy.metrics().entrySet().stream().filter(e -> e.getValue() == Classification.DE).map(Map.Entry::getKey)
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }

    /**
     * The text columns whose content a governance scan should sample: those that leave the warehouse without a PII
     * treatment (classified nr or mx, no pii_type), and those withheld only because no rule names them.
     */
    public List<String> columnsToScan(org.apache.spark.sql.types.StructType schema) {
        List<String> columns = new ArrayList<>();
        for (org.apache.spark.sql.types.StructField field : schema.fields()) {
            if (!org.apache.spark.sql.types.DataTypes.StringType.equals(field.dataType())) {
                continue;
            }
            ColumnRule rule = policy.columnRules().get(field.name());
            if (rule != null && rule.contentOf().isPresent()) {
                continue; // compressed: the warehouse holds base64, whose content a text sample cannot show
            }
            boolean clearWithoutPii = rule != null && rule.piiType().isEmpty()
                    && (rule.classification() == Classification.NR || rule.classification() == Classification.MX) && rule.treatment().isEmpty();
            if (rule == null || clearWithoutPii) {
                columns.add(field.name());
            }
        }
        return columns;
    }

    public Optional<ExportWindow> window() {
        return window;
    }

    /** The fate of every warehouse column: kept, treated (how) or withheld (why). */
    public List<ColumnFate> columnFates() {
        return fates;
    }

    public List<ColumnFate> withheldColumns() {
        return fates.stream().filter(ColumnFate::isWithheld).toList();
    }

    public List<String> warnings() {
        return policy.warnings();
    }

    /** The columns the policy's rules name that the table does not have (stale rules), as the rules spell them. */
    public List<String> rulesWithoutColumn() {
        return policy.rulesWithoutColumn();
    }

    /** Warehouse columns the query reads; never a withheld one, nor one whose every exported cell is NULL. */
    public List<String> selectedColumns() {
        return recipes.stream().filter(CellRecipe::readsWarehouse).map(CellRecipe::column).toList();
    }

    /** The time column the window applies to; empty for snapshot tables. */
    public Optional<String> timeColumn() {
        return policy.table().isSnapshot() ? Optional.empty() : Optional.of(policy.table().timeColumn());
    }

    /**
     * Whether the query's result holds the time column (possibly treated), so that a reader may split the window on it;
     * treated values stay inside the window.
     */
    public boolean returnsTimeColumn() {
        return timeColumn().map(selectedColumns()::contains).orElse(false);
    }

    /**
     * The warehouse query, in the warehouse's dialect. It applies the cell-level policy itself: a cell that the row's
     * source or metric class withholds is NULL, a column whose cells are all NULL is not read, and ROUND, TRUNCATE and
     * YEAR_ONLY are computed there. The source and metric classes are computed in an inner query (so a withheld source
     * or metric column never leaves the warehouse) and returned beside the cells as class numbers. Rows are limited to
     * the window and to the metrics the policy allows.
     */
    public String warehouseQuery(SqlDialect dialect) {
        List<String> cells = recipes.stream().filter(CellRecipe::readsWarehouse).map(recipe -> aliased(recipe.warehouseSql(dialect), recipe.column()))
                .toList();
        String from = Identifiers.quote(schema) + "." + Identifiers.quote(table);
        List<String> predicates = warehousePredicates(dialect);
        String where = predicates.isEmpty() ? "" : " WHERE " + String.join(" AND ", predicates);
        List<String> classes = classColumns();
        if (classes.isEmpty()) {
            return "SELECT " + String.join(", ", cells) + " FROM " + from + where;
        }
        List<String> inner = new ArrayList<>(selectedColumns().stream().map(Identifiers::quote).toList());
        inner.add(classExpr(policy.table().sourceColumn(), policy.sources()).sql(dialect) + " AS " + Identifiers.quote(CellLevel.SOURCE_CLASS));
        if (policy.table().isLongFormat()) {
            inner.add(classExpr(policy.table().metricColumn(), policy.metrics()).sql(dialect) + " AS " + Identifiers.quote(CellLevel.METRIC_CLASS));
        }
        List<String> outer = new ArrayList<>(cells);
        classes.forEach(name -> outer.add(Identifiers.quote(name)));
        return "SELECT " + String.join(", ", outer) + " FROM (SELECT " + String.join(", ", inner) + " FROM " + from + where + ") AS "
                + Identifiers.quote("de_policy");
    }

    /** The predicates of {@link #warehouseQuery}: the window, and the allowed metrics of a long table. */
    public List<String> warehousePredicates(SqlDialect dialect) {
        return predicates().stream().map(predicate -> predicate.sql(dialect)).toList();
    }

    /** The window's predicates alone (none for a snapshot table or without a window), for queries over the same rows. */
    public List<String> windowPredicates(SqlDialect dialect) {
        return windowExprs().stream().map(predicate -> predicate.sql(dialect)).toList();
    }

    private List<Expr> windowExprs() {
        List<Expr> predicates = new ArrayList<>();
        timeColumn().ifPresent(time -> window.ifPresent(w -> {
            predicates.add(call(Fn.GE, Expr.ref(time), Expr.lit(w.start())));
            predicates.add(call(Fn.LT, Expr.ref(time), Expr.lit(w.end())));
        }));
        return predicates;
    }

    private List<Expr> predicates() {
        List<Expr> predicates = windowExprs();
        if (policy.table().isLongFormat()) {
            List<Expr> allowed = new ArrayList<>(List.of(normalized(policy.table().metricColumn())));
            allowedMetrics().forEach(metric -> allowed.add(Expr.lit(metric)));
            predicates.add(allowed.size() == 1 ? call(Fn.EQ, Expr.lit(1), Expr.lit(0)) : new Expr.Call(Fn.IN, allowed));
        }
        return predicates;
    }

    /**
     * The warehouse query expressed over a whole raw table as a Dataset, for sources that cannot run SQL in the
     * warehouse: the same rows, columns and cells that {@link #warehouseQuery} returns, from the same expressions.
     */
    public Dataset<Row> selectFromRawTable(Dataset<Row> rawTable) {
        Dataset<Row> rows = rawTable;
        for (Expr predicate : predicates()) {
            rows = rows.where(predicate.column());
        }
        List<String> classes = classColumns();
        if (!classes.isEmpty()) {
            rows = rows.withColumn(CellLevel.SOURCE_CLASS, classExpr(policy.table().sourceColumn(), policy.sources()).column());
        }
        if (policy.table().isLongFormat()) {
            rows = rows.withColumn(CellLevel.METRIC_CLASS, classExpr(policy.table().metricColumn(), policy.metrics()).column());
        }
        List<Column> items = new ArrayList<>(recipes.stream().filter(CellRecipe::readsWarehouse)
                .map(recipe -> recipe.warehouseColumn().as(recipe.column())).toList());
        classes.forEach(name -> items.add(col(name)));
        return rows.select(items.toArray(Column[]::new));
    }

    /** Applies the rest of the policy to the rows of {@link #warehouseQuery}. Column expressions only; triggers no action. */
    public Dataset<Row> transform(Dataset<Row> warehouseRows) {
        return warehouseRows.select(recipes.stream().map(recipe -> recipe.output(hashKey)).toArray(Column[]::new));
    }

    /**
     * Why cells were withheld, each counted by {@link #transform(Dataset, String)}: the row's source has no rule (or
     * is NULL), the row's source is de (or the table has no source column), the value's metric rule withholds it for
     * that source, or the scrubber or gunzip could not handle the cell within its limits. Rows whose metric is de or
     * has no rule never leave the warehouse (the query filters them) and are not counted here.
     */
    public static final List<String> WITHHELD_REASONS = List.of("unknown_source", "de_source", "metric_rule", "over_limits");

    /**
     * {@link #transform(Dataset)}, counting the cells withheld for each of {@link #WITHHELD_REASONS} as the rows pass, as
     * Spark's observed metrics named {@code metricsName} (no second pass, no second read): they are in the
     * {@code observedMetrics} of the query that runs the returned Dataset, once it has succeeded.
     */
    public Dataset<Row> transform(Dataset<Row> warehouseRows, String metricsName) {
        return WithheldCells.counted(warehouseRows, metricsName, recipes, classColumns(), hashKey);
    }

    /** The plan as text for {@code plan}: every column's fate and the warehouse query in the given dialect. */
    public String reportText(SqlDialect dialect) {
        return PlanReport.text(this, dialect);
    }

    public String reportJson() {
        return PlanReport.json(this);
    }

    private static String aliased(String sql, String column) {
        String quoted = Identifiers.quote(column);
        return sql.equals(quoted) ? sql : sql + " AS " + quoted;
    }

    // The class columns the query returns: the source class whenever some cell's level depends on the row, the metric
    // class for long tables. A table without a source column has every row's source class de.
    private List<String> classColumns() {
        boolean perRow = policy.table().isLongFormat()
                || recipes.stream().anyMatch(recipe -> recipe.readsWarehouse() && !recipe.level().isConstant());
        if (!perRow) {
            return List.of();
        }
        return policy.table().isLongFormat() ? List.of(CellLevel.SOURCE_CLASS, CellLevel.METRIC_CLASS) : List.of(CellLevel.SOURCE_CLASS);
    }

    private List<String> allowedMetrics() {
        return policy.metrics().entrySet().stream().filter(e -> e.getValue() != Classification.DE).map(Map.Entry::getKey).sorted().toList();
    }

    // Classes are the classification's number; a value without a rule, and NULL, is UNKNOWN_CLASS, withheld as de is, and
    // counted apart. Rules are listed de ones included, so that the two can be told apart.
    private static Expr classExpr(String column, Map<String, Classification> classes) {
        if (column == null) {
            return Expr.lit(Classification.DE.number());
        }
        if (classes.isEmpty()) {
            return Expr.lit(CellLevel.UNKNOWN_CLASS);
        }
        List<Expr.When> whens = classes.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new Expr.When(Expr.lit(e.getKey()), Expr.lit(e.getValue().number()))).toList();
        return new Expr.Switch(normalized(column), whens, Expr.lit(CellLevel.UNKNOWN_CLASS));
    }

    // Sources and metric names match trimmed and in upper case.
    private static Expr normalized(String column) {
        return call(Fn.UPPER, call(Fn.BTRIM, Expr.ref(column)));
    }
}
