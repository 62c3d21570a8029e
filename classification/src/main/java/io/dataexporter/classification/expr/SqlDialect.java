package io.dataexporter.classification.expr;

import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * The SQL dialect of the warehouse that runs a plan's query: PostgreSQL (the local warehouse) or Redshift. Both get the
 * same semantics; they differ in how string literals escape and how ROUND is written ({@link Fn}).
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

    /** An identifier, quoted (both warehouses double a quote inside one). */
    public static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** The warehouse's name of a Spark type, for casts. */
    public String typeName(DataType type) {
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
        if (type instanceof StringType) {
            return this == REDSHIFT ? "varchar(max)" : "text";
        }
        if (type instanceof DateType) {
            return "date";
        }
        if (type instanceof TimestampType) {
            return "timestamptz";
        }
        if (type instanceof TimestampNTZType) {
            return "timestamp";
        }
        if (type instanceof BooleanType) {
            return "boolean";
        }
        throw new IllegalArgumentException("no warehouse type for " + type.simpleString());
    }
}
