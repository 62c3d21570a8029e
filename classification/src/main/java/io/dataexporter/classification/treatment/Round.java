package io.dataexporter.classification.treatment;

import static io.dataexporter.classification.expr.Expr.call;
import static io.dataexporter.classification.expr.Expr.lit;

import io.dataexporter.classification.expr.Expr;
import io.dataexporter.classification.expr.Fn;
import io.dataexporter.classification.policy.HashKey;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.ShortType;

/** {@code ROUND(n)}: a number rounded to n decimal places (negative n: to tens, hundreds, ...), half away from zero, keeping its type. */
final class Round implements TreatmentKind {

    private static final Argument DIGITS = new Argument("n", Pattern.compile("-?\\d{1,2}"), "ROUND(n) needs a whole number of digits, e.g. ROUND(3)");

    @Override
    public String code() {
        return "ROUND";
    }

    @Override
    public Argument argument() {
        return DIGITS;
    }

    @Override
    public boolean masksIdentity() {
        return false;
    }

    @Override
    public boolean needsKey() {
        return false;
    }

    @Override
    public Optional<String> typeProblem(DataType type) {
        return type instanceof NumericType ? Optional.empty() : Optional.of("ROUND applies to numbers");
    }

    /**
     * Computed in the warehouse, exactly: the raw number never leaves it. A whole or decimal number is rounded as a
     * decimal; one whose rounding no longer fits its type (2147483647 to tens is 2147483650) is NULL, where the warehouse
     * would fail the query and Spark would wrap around.
     */
    @Override
    public Optional<Expr> inWarehouse(Expr value, DataType type, String argument, boolean rawTextNeeded) {
        Expr digits = lit(Integer.parseInt(argument));
        if (type instanceof DoubleType || type instanceof FloatType) {
            return Optional.of(new Expr.Cast(call(type instanceof DoubleType ? Fn.ROUND_DOUBLE : Fn.ROUND_REAL, value, digits), type));
        }
        int scale = type instanceof DecimalType decimal ? decimal.scale() : 0;
        Expr rounded = call(Fn.ROUND_EXACT, new Expr.Cast(value, DataTypes.createDecimalType(38, scale)), digits);
        BigDecimal[] range = range(type);
        return Optional.of(new Expr.Case(List.of(new Expr.When(call(Fn.LT, rounded, lit(range[0])), new Expr.Null(type)),
                new Expr.When(call(Fn.GT, rounded, lit(range[1])), new Expr.Null(type))), new Expr.Cast(rounded, type)));
    }

    // The least and the greatest value of an exact numeric type.
    private static BigDecimal[] range(DataType type) {
        if (type instanceof DecimalType decimal) {
            BigDecimal greatest = BigDecimal.TEN.pow(decimal.precision() - decimal.scale()).subtract(BigDecimal.ONE.movePointLeft(decimal.scale()));
            return new BigDecimal[] {greatest.negate(), greatest};
        }
        long[] bounds = type instanceof LongType ? new long[] {Long.MIN_VALUE, Long.MAX_VALUE}
                : type instanceof IntegerType ? new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE}
                : type instanceof ShortType ? new long[] {Short.MIN_VALUE, Short.MAX_VALUE} : new long[] {Byte.MIN_VALUE, Byte.MAX_VALUE};
        return new BigDecimal[] {BigDecimal.valueOf(bounds[0]), BigDecimal.valueOf(bounds[1])};
    }

    @Override
    public Column inSpark(Column arrived, DataType type, String argument, HashKey key) {
        return arrived;
    }
}
