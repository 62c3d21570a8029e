package io.dataexporter.classification.treatment;

import static io.dataexporter.classification.expr.Expr.call;
import static io.dataexporter.classification.expr.Expr.lit;

import io.dataexporter.classification.expr.Expr;
import io.dataexporter.classification.expr.Fn;
import io.dataexporter.classification.policy.HashKey;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * What the three masks ({@code REDACT}, {@code SHOW_LAST_4}, {@code SHOW_FIRST_4}) share: they mask text, and the
 * warehouse begins them. It masks ASCII letters and digits as {@code Masking} masks them ({@code translate}, the same
 * in PostgreSQL and Redshift), so they never leave the warehouse in clear; Spark then masks what else the mask covers
 * (letters and digits of other scripts, combining marks), which leaves the warehouse's masks as they are. The result is
 * the same as Spark's alone. Where Spark needs the raw text (a free-text column is scrubbed first), the raw text leaves.
 */
abstract class Mask implements TreatmentKind {

    static final String ASCII_LETTERS_AND_DIGITS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    static final String ASCII_MASKS = "x".repeat(26) + "X".repeat(26) + "0".repeat(10);

    /** The warehouse's part of the mask of {@code text}. */
    abstract Expr premask(Expr text);

    /** Spark's whole mask of a text. */
    abstract Column mask(Column text);

    @Override
    public final Argument argument() {
        return Argument.NONE;
    }

    @Override
    public final boolean masksIdentity() {
        return true;
    }

    @Override
    public final boolean needsKey() {
        return false;
    }

    @Override
    public final Optional<String> typeProblem(DataType type) {
        return DataTypes.StringType.equals(type) ? Optional.empty()
                : Optional.of(code() + " masks text; export a text cast of the column (a view), or choose HASH or NULLIFY");
    }

    @Override
    public final Optional<Expr> inWarehouse(Expr value, DataType type, String argument, boolean rawTextNeeded) {
        return Optional.of(rawTextNeeded ? value : premask(value));
    }

    @Override
    public final Column inSpark(Column arrived, DataType type, String argument, HashKey key) {
        return mask(arrived.cast(DataTypes.StringType));
    }

    static Expr maskAscii(Expr text) {
        return call(Fn.TRANSLATE, text, lit(ASCII_LETTERS_AND_DIGITS), lit(ASCII_MASKS));
    }

    static Expr length(Expr text) {
        return call(Fn.CHAR_LENGTH, text);
    }

    /** How many characters the SHOW_* masks show: four, or half of a shorter text. */
    static Expr shown(Expr text) {
        return call(Fn.LEAST, lit(4), call(Fn.INT_DIV, length(text), lit(2)));
    }

    /** A text of four characters or fewer is masked whole. */
    static Expr wholeIfShort(Expr text, Expr otherwise) {
        return new Expr.Case(List.of(new Expr.When(call(Fn.LE, length(text), lit(4)), maskAscii(text))), otherwise);
    }
}
