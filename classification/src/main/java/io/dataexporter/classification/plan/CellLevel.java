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
 * Either a constant for the whole column, or an expression over the row's source and metric classes.
 */
record CellLevel(Integer constant, Column expression) {

    static final int CLEAR = 0;
    static final int TREATED = 1;
    static final int NULL = 2;

    static final String SOURCE_CLASS = "de_source_class";
    static final String METRIC_CLASS = "de_metric_class";

    static CellLevel of(int level) {
        return new CellLevel(level, null);
    }

    /** For an mx column: clear for nr sources, treated for hwc sources, NULL for de, unknown or NULL sources. */
    static CellLevel bySource() {
        Column source = col(SOURCE_CLASS);
        return new CellLevel(null, when(source.equalTo(Classification.NR.ordinal()), CLEAR)
                .when(source.equalTo(Classification.HWC.ordinal()), TREATED)
                .otherwise(NULL));
    }

    /** For a value column of a long table: nr metrics clear, hwc treated, mx clear only for nr sources; others NULL. */
    static CellLevel byMetric() {
        Column metric = col(METRIC_CLASS);
        Column source = col(SOURCE_CLASS);
        return new CellLevel(null, when(metric.equalTo(Classification.NR.ordinal()), CLEAR)
                .when(metric.equalTo(Classification.HWC.ordinal()), TREATED)
                .when(metric.equalTo(Classification.MX.ordinal()).and(source.equalTo(Classification.NR.ordinal())), CLEAR)
                .otherwise(NULL));
    }

    /** The stricter of two levels, cell by cell. */
    CellLevel stricter(CellLevel other) {
        if (constant != null && other.constant != null) {
            return of(Math.max(constant, other.constant));
        }
        return new CellLevel(null, greatest(asColumn(), other.asColumn()));
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

    private Column asColumn() {
        return constant != null ? lit(constant) : expression;
    }
}
