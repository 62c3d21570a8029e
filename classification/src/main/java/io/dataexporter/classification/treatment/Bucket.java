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
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;

/**
 * {@code BUCKET(n)}: a whole number to the start of its n-wide bucket, {@code x - pmod(x, n)} (-7 in buckets of 5 is
 * -10, 7 is 5), keeping its type. Computed exactly, in decimal, so no value overflows on the way; a value whose bucket
 * starts below the type's least value is NULL.
 */
final class Bucket implements TreatmentKind {

    private static final Argument WIDTH = new Argument("n", Pattern.compile("[1-9]\\d{0,17}"),
            "BUCKET(n) needs a whole bucket width from 1 to 999999999999999999, e.g. BUCKET(10)");

    @Override
    public String code() {
        return "BUCKET";
    }

    @Override
    public Argument argument() {
        return WIDTH;
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
        return least(type).isPresent() ? Optional.empty() : Optional.of("BUCKET applies to whole numbers (smallint, integer, bigint)");
    }

    /** Computed in the warehouse, exactly: the raw number never leaves it. */
    @Override
    public Optional<Expr> inWarehouse(Expr value, DataType type, String argument, boolean rawTextNeeded) {
        Expr exact = new Expr.Cast(value, DataTypes.createDecimalType(20, 0));
        Expr start = call(Fn.MINUS, exact, call(Fn.PMOD, exact, lit(Long.parseLong(argument))));
        return Optional.of(new Expr.Case(List.of(new Expr.When(call(Fn.LT, start, lit(least(type).orElseThrow())), new Expr.Null(type))),
                new Expr.Cast(start, type)));
    }

    @Override
    public Column inSpark(Column arrived, DataType type, String argument, HashKey key) {
        return arrived;
    }

    private static Optional<BigDecimal> least(DataType type) {
        if (type instanceof LongType) {
            return Optional.of(BigDecimal.valueOf(Long.MIN_VALUE));
        }
        if (type instanceof IntegerType) {
            return Optional.of(BigDecimal.valueOf(Integer.MIN_VALUE));
        }
        if (type instanceof ShortType || type instanceof ByteType) {
            return Optional.of(BigDecimal.valueOf(type instanceof ShortType ? Short.MIN_VALUE : Byte.MIN_VALUE));
        }
        return Optional.empty();
    }
}
