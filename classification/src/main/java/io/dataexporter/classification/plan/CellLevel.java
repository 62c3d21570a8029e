package io.dataexporter.classification.plan;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.dataexporter.classification.policy.Classification;
import java.util.function.Supplier;
import org.apache.spark.sql.Column;

/**
 * How much of a cell may leave: {@value #CLEAR} its clear value, {@value #TREATED} its treatment, {@value #NULL} nothing.
 * Either a constant for the whole column, or an expression over the row's source and metric classes, which the
 * warehouse query computes; the same expression is given as SQL (run in the warehouse) and as a Spark Column.
 */
record CellLevel(Integer constant, Column expression, String sql) {

    static final int CLEAR = 0;
    static final int TREATED = 1;
    static final int NULL = 2;

    static final String SOURCE_CLASS = "de_source_class";
    static final String METRIC_CLASS = "de_metric_class";
    /** The class of a source or metric value that no rule names (or NULL): withheld as de is, counted apart. */
    static final int UNKNOWN_CLASS = 9;

    private static final int NR = Classification.NR.ordinal();
    private static final int MX = Classification.MX.ordinal();
    private static final int HWC = Classification.HWC.ordinal();

    static CellLevel of(int level) {
        return new CellLevel(level, null, String.valueOf(level));
    }

    /** For an mx column: clear for nr sources, treated for hwc sources, NULL for de, unknown or NULL sources. */
    static CellLevel bySource() {
        Column source = col(SOURCE_CLASS);
        return new CellLevel(null,
                when(source.equalTo(NR), CLEAR).when(source.equalTo(HWC), TREATED).otherwise(NULL),
                "CASE " + Identifiers.quote(SOURCE_CLASS) + " WHEN " + NR + " THEN " + CLEAR + " WHEN " + HWC + " THEN " + TREATED
                        + " ELSE " + NULL + " END");
    }

    /** For a value column of a long table: nr metrics clear, hwc treated, mx clear only for nr sources; others NULL. */
    static CellLevel byMetric() {
        Column metric = col(METRIC_CLASS);
        Column source = col(SOURCE_CLASS);
        String metricSql = Identifiers.quote(METRIC_CLASS);
        return new CellLevel(null,
                when(metric.equalTo(NR), CLEAR).when(metric.equalTo(HWC), TREATED)
                        .when(metric.equalTo(MX).and(source.equalTo(NR)), CLEAR).otherwise(NULL),
                "CASE WHEN " + metricSql + " = " + NR + " THEN " + CLEAR + " WHEN " + metricSql + " = " + HWC + " THEN " + TREATED
                        + " WHEN " + metricSql + " = " + MX + " AND " + Identifiers.quote(SOURCE_CLASS) + " = " + NR + " THEN " + CLEAR
                        + " ELSE " + NULL + " END");
    }

    boolean isConstant() {
        return constant != null;
    }

    /** Whether some cell of the column may have this level. */
    boolean allows(int level) {
        return constant == null || constant == level;
    }

    /** The stricter of two levels, cell by cell. */
    CellLevel stricter(CellLevel other) {
        if (constant != null && other.constant != null) {
            return of(Math.max(constant, other.constant));
        }
        return new CellLevel(null, greatest(asColumn(), other.asColumn()), "GREATEST(" + sql + ", " + other.sql + ")");
    }

    /** The output cell: the clear or the treated expression, or NULL, as the level says. */
    Column select(Supplier<Column> clear, Supplier<Column> treated) {
        if (constant != null) {
            return switch (constant) {
                case CLEAR -> clear.get();
                case TREATED -> treated.get();
                default -> lit(null);
            };
        }
        return when(expression.equalTo(CLEAR), clear.get()).when(expression.equalTo(TREATED), treated.get());
    }

    Column asColumn() {
        return constant != null ? lit(constant) : expression;
    }
}
