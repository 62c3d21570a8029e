package io.dataexporter.classification.expr;

import static org.apache.spark.sql.functions.call_function;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/**
 * The functions and operators cell rules are made of, each with its SQL (the same in PostgreSQL and Redshift unless the
 * dialect says otherwise) and its Spark Column. Operators render infix; an operand that is itself an operator is put in
 * parentheses.
 */
public enum Fn {
    UPPER(1, (d, a) -> "upper(" + a.get(0) + ")", c -> functions.upper(c.get(0))),
    /** Trims spaces at both ends, as PostgreSQL's and Redshift's btrim do (Spark's trim with the space given). */
    BTRIM(1, (d, a) -> "btrim(" + a.get(0) + ")", c -> functions.trim(c.get(0), " ")),
    CHAR_LENGTH(1, (d, a) -> "char_length(" + a.get(0) + ")", c -> call_function("char_length", c.get(0))),
    TRANSLATE(3, (d, a) -> "translate(" + a.get(0) + ", " + a.get(1) + ", " + a.get(2) + ")",
            c -> call_function("translate", c.get(0), c.get(1), c.get(2))),
    LEFT(2, (d, a) -> "left(" + a.get(0) + ", " + a.get(1) + ")", c -> call_function("left", c.get(0), c.get(1))),
    RIGHT(2, (d, a) -> "right(" + a.get(0) + ", " + a.get(1) + ")", c -> call_function("right", c.get(0), c.get(1))),
    /** The text from a 1-based position to its end, in the form both warehouses document. */
    SUBSTRING_FROM(2, (d, a) -> "substring(" + a.get(0) + " FROM " + a.get(1) + ")", c -> call_function("substr", c.get(0), c.get(1))),
    LEAST(2, (d, a) -> "least(" + a.get(0) + ", " + a.get(1) + ")", c -> functions.least(c.get(0), c.get(1))),
    GREATEST(2, (d, a) -> "GREATEST(" + a.get(0) + ", " + a.get(1) + ")", c -> functions.greatest(c.get(0), c.get(1))),
    /** Integer division of two integers (truncating), as the warehouses' {@code /} on integers and Spark's {@code div}. */
    INT_DIV(2, infix("/"), c -> call_function("div", c.get(0), c.get(1))),
    CONCAT(2, infix("||"), c -> functions.concat(c.get(0), c.get(1))),
    MINUS(2, infix("-"), c -> c.get(0).minus(c.get(1))),
    PLUS(2, infix("+"), c -> c.get(0).plus(c.get(1))),
    /** The remainder that is never negative: {@code mod(mod(a, b) + b, b)}, Spark's pmod. */
    PMOD(2, (d, a) -> "mod(mod(" + a.get(0) + ", " + a.get(1) + ") + " + a.get(1) + ", " + a.get(1) + ")", c -> functions.pmod(c.get(0), c.get(1))),
    EQ(2, infix("="), c -> c.get(0).equalTo(c.get(1))),
    LT(2, infix("<"), c -> c.get(0).lt(c.get(1))),
    GT(2, infix(">"), c -> c.get(0).gt(c.get(1))),
    LE(2, infix("<="), c -> c.get(0).leq(c.get(1))),
    GE(2, infix(">="), c -> c.get(0).geq(c.get(1))),
    AND(-2, (d, a) -> String.join(" AND ", a), c -> c.stream().reduce(Column::and).orElseThrow()),
    /** {@code a IN (b, c, ...)}. */
    IN(-2, (d, a) -> a.get(0) + " IN (" + String.join(", ", a.subList(1, a.size())) + ")",
            c -> c.get(0).isin(c.subList(1, c.size()).toArray())),
    /** Truncation of a timestamp to a unit given as a string literal ({@code 'hour'}, {@code 'day'}, {@code 'year'}). */
    DATE_TRUNC(2, (d, a) -> "date_trunc(" + a.get(0) + ", " + a.get(1) + ")", c -> call_function("date_trunc", c.get(0), c.get(1))),
    /** The first day of a date's year, still a date. */
    YEAR_OF_DATE(1, (d, a) -> "CAST(date_trunc('year', CAST(" + a.get(0) + " AS timestamp)) AS date)", c -> functions.trunc(c.get(0), "year")),
    /**
     * ROUND(x, n) of a double, half away from zero. PostgreSQL rounds a float to decimal places only through numeric, a
     * decimal conversion each way per cell; its form here is the same rounding in floating point at a third of the cost (a
     * float of 2^52 or more has no fraction to round; {@code + 0.0} turns -0 into 0, as numeric does). Redshift rounds it
     * itself. The digits are a literal.
     */
    ROUND_DOUBLE(2, (d, a) -> d == SqlDialect.POSTGRESQL ? roundFloat(a.get(0), Integer.parseInt(a.get(1))) : "ROUND(" + a.get(0) + ", " + a.get(1) + ")",
            c -> call_function("round", c.get(0), c.get(1))),
    /** ROUND(x, n) of an exact number, half away from zero (PostgreSQL through numeric). The digits are a literal. */
    /** ROUND(x, n) of a real: as {@link #ROUND_DOUBLE}, through double precision in PostgreSQL. */
    ROUND_REAL(2, (d, a) -> d == SqlDialect.POSTGRESQL ? roundFloat("CAST(" + a.get(0) + " AS double precision)", Integer.parseInt(a.get(1)))
            : "ROUND(" + a.get(0) + ", " + a.get(1) + ")", c -> call_function("round", c.get(0), c.get(1))),
    ROUND_EXACT(2, (d, a) -> d == SqlDialect.POSTGRESQL ? "round(CAST(" + a.get(0) + " AS numeric), " + a.get(1) + ")"
            : "ROUND(" + a.get(0) + ", " + a.get(1) + ")", c -> call_function("round", c.get(0), c.get(1)));

    private final int arity;
    private final BiFunction<SqlDialect, List<String>, String> sql;
    private final Function<List<Column>, Column> column;

    Fn(int arity, BiFunction<SqlDialect, List<String>, String> sql, Function<List<Column>, Column> column) {
        this.arity = arity;
        this.sql = sql;
        this.column = column;
    }

    /** An exact arity, or at least two for a negative one. */
    void checkArity(int count) {
        if (arity >= 0 ? count != arity : count < -arity) {
            throw new IllegalArgumentException(name() + " takes " + (arity >= 0 ? arity : "at least " + -arity) + " arguments, not " + count);
        }
    }

    String sql(SqlDialect dialect, List<Expr> args) {
        List<String> rendered = new java.util.ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            rendered.add(operand(args.get(i), i, dialect));
        }
        return sql.apply(dialect, rendered);
    }

    Column column(List<Expr> args) {
        return column.apply(args.stream().map(Expr::column).toList());
    }

    // How tightly an operator binds (SQL's order: AND, then comparisons and IN, then || + -, then /); a function binds fully.
    private int precedence() {
        return switch (this) {
            case AND -> 1;
            case EQ, LT, GT, LE, GE, IN -> 2;
            case CONCAT, MINUS, PLUS -> 3;
            case INT_DIV -> 4;
            case UPPER, BTRIM, CHAR_LENGTH, TRANSLATE, LEFT, RIGHT, SUBSTRING_FROM, LEAST, GREATEST, PMOD, DATE_TRUNC, YEAR_OF_DATE, ROUND_DOUBLE,
                    ROUND_REAL, ROUND_EXACT -> 9;
        };
    }

    // An operand that binds less tightly than its operator, or as tightly on the right, is put in parentheses.
    private String operand(Expr arg, int index, SqlDialect dialect) {
        String rendered = arg.sql(dialect);
        if (precedence() == 9 || !(arg instanceof Expr.Call call)) {
            return rendered;
        }
        int inner = call.fn().precedence();
        return inner < precedence() || inner == precedence() && index > 0 && this != AND ? "(" + rendered + ")" : rendered;
    }

    private record Infix(String operator) implements BiFunction<SqlDialect, List<String>, String> {
        @Override
        public String apply(SqlDialect dialect, List<String> args) {
            return args.get(0) + " " + operator + " " + args.get(1);
        }
    }

    private static BiFunction<SqlDialect, List<String>, String> infix(String operator) {
        return new Infix(operator);
    }

    private static String roundFloat(String value, int digits) {
        String scale = BigDecimal.TEN.pow(Math.abs(digits)).toPlainString();
        String half = "sign(" + value + ") * 0.5";
        if (digits < 0) {
            return "(trunc(" + value + " / " + scale + " + " + half + ") * " + scale + " + 0.0)";
        }
        return "CASE WHEN abs(" + value + ") >= 4503599627370496 THEN " + value + " ELSE trunc(" + value + " * " + scale + " + " + half + ") / " + scale
                + " + 0.0 END";
    }
}
