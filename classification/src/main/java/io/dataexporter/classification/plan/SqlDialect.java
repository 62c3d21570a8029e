package io.dataexporter.classification.plan;

import io.dataexporter.classification.policy.Treatment;
import java.math.BigDecimal;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;

/**
 * The SQL dialect of the warehouse that runs a plan's query: PostgreSQL (the local warehouse) or Redshift. Both get the
 * same semantics; they differ in how string literals escape and how ROUND is written.
 *
 * <p>The warehouse-side treatments assume a UTC session (Redshift's default; the JDBC source sets it for PostgreSQL),
 * so that {@code TRUNCATE(day)} truncates UTC days as the rest of the export does.
 */
public enum SqlDialect {
    /** PostgreSQL with {@code standard_conforming_strings} on (the default): a backslash in a literal is literal. */
    POSTGRESQL,
    /** Amazon Redshift: a backslash in a string literal escapes the next character, so it is doubled. */
    REDSHIFT;

    /** A string literal that the dialect reads back as exactly {@code value}. */
    public String stringLiteral(String value) {
        String escaped = value.replace("'", "''");
        return "'" + (this == REDSHIFT ? escaped.replace("\\", "\\\\") : escaped) + "'";
    }

    /** {@code ROUND(n)} of a numeric column, half away from zero, keeping the column's type. */
    static final String ASCII_LETTERS_AND_DIGITS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    static final String ASCII_MASKS = "x".repeat(26) + "X".repeat(26) + "0".repeat(10);

    /**
     * The warehouse's part of REDACT and SHOW_*: ASCII letters and digits masked as {@code Masking} masks them
     * ({@code translate}, the same in PostgreSQL and Redshift), so they never leave the warehouse in clear; Spark then
     * masks what else the treatment covers (letters and digits of other scripts, combining marks), which leaves the
     * warehouse's masks as they are. The result is the same as Spark's alone.
     */
    String premask(String expression, Treatment.Kind kind) {
        String length = "char_length(" + expression + ")";
        String shown = "least(4, " + length + " / 2)";
        return switch (kind) {
            case REDACT -> maskAscii(expression);
            case SHOW_LAST_4 -> "CASE WHEN " + length + " <= 4 THEN " + maskAscii(expression) + " ELSE " + maskAscii("left(" + expression + ", " + length
                    + " - " + shown + ")") + " || right(" + expression + ", " + shown + ") END";
            case SHOW_FIRST_4 -> "CASE WHEN " + length + " <= 4 THEN " + maskAscii(expression) + " ELSE left(" + expression + ", " + shown + ") || "
                    + maskAscii("substr(" + expression + ", " + shown + " + 1)") + " END";
            default -> throw new IllegalArgumentException(kind + " is not a masking treatment");
        };
    }

    private static String maskAscii(String expression) {
        return "translate(" + expression + ", '" + ASCII_LETTERS_AND_DIGITS + "', '" + ASCII_MASKS + "')";
    }

    String round(String expression, int digits, DataType type) {
        if (this == POSTGRESQL && (type instanceof DoubleType || type instanceof FloatType)) {
            String value = type instanceof FloatType ? "CAST(" + expression + " AS double precision)" : expression;
            return "CAST(" + roundFloat(value, digits) + " AS " + numericType(type) + ")";
        }
        String rounded = this == POSTGRESQL
                ? "round(CAST(" + expression + " AS numeric), " + digits + ")" // PostgreSQL rounds floats only to whole numbers
                : "ROUND(" + expression + ", " + digits + ")";
        return "CAST(" + rounded + " AS " + numericType(type) + ")";
    }

    /**
     * PostgreSQL rounds a float to decimal places only through numeric, a decimal conversion each way per cell; this is
     * the same rounding (half away from zero) in floating point at a third of the cost. A float of 2^52 or more has no
     * fraction to round; {@code + 0.0} turns -0 into 0, as numeric does.
     */
    private static String roundFloat(String value, int digits) {
        String scale = BigDecimal.TEN.pow(Math.abs(digits)).toPlainString();
        String half = "sign(" + value + ") * 0.5";
        if (digits < 0) {
            return "(trunc(" + value + " / " + scale + " + " + half + ") * " + scale + " + 0.0)";
        }
        return "CASE WHEN abs(" + value + ") >= 4503599627370496 THEN " + value + " ELSE trunc(" + value + " * " + scale + " + " + half + ") / " + scale
                + " + 0.0 END";
    }

    /** {@code TRUNCATE(hour|day)} of a timestamp column. */
    String truncate(String expression, String unit) {
        return "date_trunc(" + stringLiteral(unit) + ", " + expression + ")";
    }

    /** {@code YEAR_ONLY} of a date column: the first day of its year, still a date. */
    String yearOfDate(String expression) {
        return "CAST(date_trunc('year', CAST(" + expression + " AS timestamp)) AS date)";
    }

    /** {@code YEAR_ONLY} of a timestamp column: the first instant of its (UTC) year. */
    String yearOfTimestamp(String expression) {
        return "date_trunc('year', " + expression + ")";
    }

    private static String numericType(DataType type) {
        if (type instanceof DoubleType) {
            return "double precision";
        }
        if (type instanceof FloatType) {
            return "real";
        }
        if (type instanceof LongType) {
            return "bigint";
        }
        if (type instanceof IntegerType) {
            return "integer";
        }
        if (type instanceof ShortType || type instanceof ByteType) {
            return "smallint";
        }
        if (type instanceof DecimalType decimal) {
            return "numeric(" + decimal.precision() + ", " + decimal.scale() + ")";
        }
        throw new IllegalArgumentException("ROUND applies to numbers, not " + type.simpleString());
    }
}
