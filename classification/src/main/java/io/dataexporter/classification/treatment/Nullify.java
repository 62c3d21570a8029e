package io.dataexporter.classification.treatment;

import static org.apache.spark.sql.functions.lit;

import io.dataexporter.classification.expr.Expr;
import io.dataexporter.classification.policy.HashKey;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataType;

/** {@code NULLIFY}: the cell is NULL; the warehouse never reads it. */
final class Nullify implements TreatmentKind {

    @Override
    public String code() {
        return "NULLIFY";
    }

    @Override
    public Argument argument() {
        return Argument.NONE;
    }

    @Override
    public boolean masksIdentity() {
        return true;
    }

    @Override
    public boolean needsKey() {
        return false;
    }

    @Override
    public Optional<String> typeProblem(DataType type) {
        return Optional.empty();
    }

    @Override
    public Optional<Expr> inWarehouse(Expr value, DataType type, String argument, boolean rawTextNeeded) {
        return Optional.empty();
    }

    @Override
    public Column inSpark(Column arrived, DataType type, String argument, HashKey key) {
        return lit(null).cast(type);
    }
}
