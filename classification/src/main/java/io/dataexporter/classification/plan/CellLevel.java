package io.dataexporter.classification.plan;

import static io.dataexporter.classification.expr.Expr.call;
import static io.dataexporter.classification.expr.Expr.lit;
import static org.apache.spark.sql.functions.when;

import io.dataexporter.classification.expr.Expr;
import io.dataexporter.classification.expr.Fn;
import io.dataexporter.classification.policy.Classification;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.sql.Column;

/**
 * How much of a cell may leave: {@value #CLEAR} its clear value, {@value #TREATED} its treatment, {@value #NULL} nothing.
 * Either a constant for the whole column, or an expression over the row's source and metric classes, which the
 * warehouse query computes: one {@link Expr}, rendered as SQL in the warehouse and as a Column in Spark.
 */
record CellLevel(Integer constant, Expr expression) {

    static final int CLEAR = 0;
    static final int TREATED = 1;
    static final int NULL = 2;

    static final String SOURCE_CLASS = "de_source_class";
    static final String METRIC_CLASS = "de_metric_class";
    /** The class of a source or metric value that no rule names (or NULL): withheld as de is, counted apart. */
    static final int UNKNOWN_CLASS = 9;

    private static final Expr NR = lit(Classification.NR.number());
    private static final Expr MX = lit(Classification.MX.number());
    private static final Expr HWC = lit(Classification.HWC.number());

    static CellLevel of(int level) {
        return new CellLevel(level, lit(level));
    }

    /** For an mx column: clear for nr sources, treated for hwc sources, NULL for de, unknown or NULL sources. */
    static CellLevel bySource() {
        return new CellLevel(null, new Expr.Switch(Expr.ref(SOURCE_CLASS), List.of(new Expr.When(NR, lit(CLEAR)), new Expr.When(HWC, lit(TREATED))),
                lit(NULL)));
    }

    /** For a value column of a long table: nr metrics clear, hwc treated, mx clear only for nr sources; others NULL. */
    static CellLevel byMetric() {
        Expr metric = Expr.ref(METRIC_CLASS);
        return new CellLevel(null, new Expr.Case(List.of(new Expr.When(call(Fn.EQ, metric, NR), lit(CLEAR)),
                new Expr.When(call(Fn.EQ, metric, HWC), lit(TREATED)),
                new Expr.When(call(Fn.AND, call(Fn.EQ, metric, MX), call(Fn.EQ, Expr.ref(SOURCE_CLASS), NR)), lit(CLEAR))), lit(NULL)));
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
        return new CellLevel(null, call(Fn.GREATEST, expression, other.expression));
    }

    /** Spark's output cell: the clear or the treated Column, or NULL, as the level says. */
    Column select(Supplier<Column> clear, Supplier<Column> treated) {
        if (constant != null) {
            return switch (constant) {
                case CLEAR -> clear.get();
                case TREATED -> treated.get();
                default -> org.apache.spark.sql.functions.lit(null);
            };
        }
        Column level = expression.column();
        return when(level.equalTo(CLEAR), clear.get()).when(level.equalTo(TREATED), treated.get());
    }

    Column asColumn() {
        return expression.column();
    }
}
