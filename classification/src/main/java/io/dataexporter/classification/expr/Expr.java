package io.dataexporter.classification.expr;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataType;

/**
 * A cell rule as a small expression value, built once and rendered twice: as warehouse SQL in a dialect (the query the
 * warehouse runs) and as a Spark Column (the same rule over a raw table, for sources that cannot run SQL, and for the
 * tests that hold the two to each other). Every node renders both ways or does not compile.
 */
public sealed interface Expr permits Expr.Ref, Expr.Lit, Expr.Null, Expr.Call, Expr.Case, Expr.Switch, Expr.Cast {

    /** The expression in the dialect's SQL. */
    String sql(SqlDialect dialect);

    /** The same expression as a Spark Column. */
    Column column();

    static Expr ref(String column) {
        return new Ref(column);
    }

    static Expr lit(long value) {
        return new Lit(value);
    }

    static Expr lit(String value) {
        return new Lit(value);
    }

    static Expr lit(BigDecimal value) {
        return new Lit(value);
    }

    static Expr lit(Instant value) {
        return new Lit(value);
    }

    static Expr call(Fn fn, Expr... args) {
        return new Call(fn, List.of(args));
    }

    /** A column of the warehouse table (or of the query's inner select), quoted as an identifier. */
    record Ref(String name) implements Expr {
        public Ref {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String sql(SqlDialect dialect) {
            return SqlDialect.quote(name);
        }

        @Override
        public Column column() {
            return col(name);
        }
    }

    /**
     * A literal: a whole number, a decimal, a string (rendered in the dialect's own string syntax) or an instant (a UTC
     * timestamp with time zone).
     */
    record Lit(Object value) implements Expr {
        public Lit {
            if (!(value instanceof Long || value instanceof String || value instanceof BigDecimal || value instanceof Instant)) {
                throw new IllegalArgumentException("a literal is a long, a BigDecimal, a String or an Instant, not " + value);
            }
        }

        @Override
        public String sql(SqlDialect dialect) {
            if (value instanceof Instant instant) {
                return "'" + instant.toString().replace('T', ' ').replace("Z", "") + "+00'";
            }
            return value instanceof String text ? dialect.stringLiteral(text)
                    : value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
        }

        @Override
        public Column column() {
            return org.apache.spark.sql.functions.lit(value);
        }
    }

    /** NULL of a type. */
    record Null(DataType type) implements Expr {
        @Override
        public String sql(SqlDialect dialect) {
            return "CAST(NULL AS " + dialect.typeName(type) + ")";
        }

        @Override
        public Column column() {
            return org.apache.spark.sql.functions.lit(null).cast(type);
        }
    }

    /** A function or operator of {@link Fn}. */
    record Call(Fn fn, List<Expr> args) implements Expr {
        public Call {
            args = List.copyOf(args);
            fn.checkArity(args.size());
        }

        @Override
        public String sql(SqlDialect dialect) {
            return fn.sql(dialect, args);
        }

        @Override
        public Column column() {
            return fn.column(args);
        }
    }

    /** One WHEN of a CASE. */
    record When(Expr condition, Expr then) {
    }

    /** A searched CASE; {@code otherwise} null for none (NULL). */
    record Case(List<When> whens, Expr otherwise) implements Expr {
        public Case {
            whens = List.copyOf(whens);
            if (whens.isEmpty()) {
                throw new IllegalArgumentException("a CASE needs at least one WHEN");
            }
        }

        @Override
        public String sql(SqlDialect dialect) {
            StringBuilder sql = new StringBuilder("CASE");
            whens.forEach(w -> sql.append(" WHEN ").append(w.condition().sql(dialect)).append(" THEN ").append(w.then().sql(dialect)));
            if (otherwise != null) {
                sql.append(" ELSE ").append(otherwise.sql(dialect));
            }
            return sql.append(" END").toString();
        }

        @Override
        public Column column() {
            Column result = null;
            for (When w : whens) {
                result = result == null ? when(w.condition().column(), w.then().column()) : result.when(w.condition().column(), w.then().column());
            }
            return otherwise == null ? result : result.otherwise(otherwise.column());
        }
    }

    /** A simple CASE: {@code subject} computed once, compared with each WHEN's value; {@code otherwise} null for none. */
    record Switch(Expr subject, List<When> whens, Expr otherwise) implements Expr {
        public Switch {
            whens = List.copyOf(whens);
            if (whens.isEmpty()) {
                throw new IllegalArgumentException("a CASE needs at least one WHEN");
            }
        }

        @Override
        public String sql(SqlDialect dialect) {
            StringBuilder sql = new StringBuilder("CASE ").append(subject.sql(dialect));
            whens.forEach(w -> sql.append(" WHEN ").append(w.condition().sql(dialect)).append(" THEN ").append(w.then().sql(dialect)));
            if (otherwise != null) {
                sql.append(" ELSE ").append(otherwise.sql(dialect));
            }
            return sql.append(" END").toString();
        }

        @Override
        public Column column() {
            Column value = subject.column();
            Column result = null;
            for (When w : whens) {
                Column matches = value.equalTo(w.condition().column());
                result = result == null ? when(matches, w.then().column()) : result.when(matches, w.then().column());
            }
            return otherwise == null ? result : result.otherwise(otherwise.column());
        }
    }

    /** A cast to a Spark type, written in the dialect's type names. */
    record Cast(Expr value, DataType type) implements Expr {
        @Override
        public String sql(SqlDialect dialect) {
            return "CAST(" + value.sql(dialect) + " AS " + dialect.typeName(type) + ")";
        }

        @Override
        public Column column() {
            return value.column().cast(type);
        }
    }
}
