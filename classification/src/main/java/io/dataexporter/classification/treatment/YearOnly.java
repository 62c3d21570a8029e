package io.dataexporter.classification.treatment;

import static io.dataexporter.classification.expr.Expr.call;
import static io.dataexporter.classification.expr.Expr.lit;

import io.dataexporter.classification.expr.Expr;
import io.dataexporter.classification.expr.Fn;
import io.dataexporter.classification.policy.HashKey;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/** {@code YEAR_ONLY}: a date to the first day of its year (still a date), a timestamp to the first instant of its UTC year. */
final class YearOnly implements TreatmentKind {

    @Override
    public String code() {
        return "YEAR_ONLY";
    }

    @Override
    public Argument argument() {
        return Argument.NONE;
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
        return Truncate.isTemporal(type) ? Optional.empty() : Optional.of("YEAR_ONLY applies to dates and timestamps");
    }

    /** Computed in the warehouse, exactly. */
    @Override
    public Optional<Expr> inWarehouse(Expr value, DataType type, String argument, boolean rawTextNeeded) {
        return Optional.of(DataTypes.DateType.equals(type) ? call(Fn.YEAR_OF_DATE, value) : call(Fn.DATE_TRUNC, lit("year"), value));
    }

    @Override
    public Column inSpark(Column arrived, DataType type, String argument, HashKey key) {
        return arrived;
    }
}
