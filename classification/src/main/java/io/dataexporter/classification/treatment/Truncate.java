package io.dataexporter.classification.treatment;

import static io.dataexporter.classification.expr.Expr.call;
import static io.dataexporter.classification.expr.Expr.lit;

import io.dataexporter.classification.expr.Expr;
import io.dataexporter.classification.expr.Fn;
import io.dataexporter.classification.policy.HashKey;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/** {@code TRUNCATE(hour|day)}: a timestamp to the start of its (UTC) hour or day; a date stays as it is. */
final class Truncate implements TreatmentKind {

    private static final Argument UNIT = new Argument("hour|day", Pattern.compile("hour|day"), "TRUNCATE(unit) needs the unit hour or day, e.g. TRUNCATE(hour)");

    @Override
    public String code() {
        return "TRUNCATE";
    }

    @Override
    public Argument argument() {
        return UNIT;
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
        return isTemporal(type) ? Optional.empty() : Optional.of("TRUNCATE applies to dates and timestamps");
    }

    /**
     * Computed in the warehouse, exactly, and cast back to the column's type: Redshift's {@code DATE_TRUNC} returns a
     * TIMESTAMP (no zone) for a TIMESTAMPTZ (Redshift Database Developer Guide, DATE_TRUNC function), PostgreSQL's a
     * timestamptz, and a column that changed type would be read in the reading JVM's zone.
     */
    @Override
    public Optional<Expr> inWarehouse(Expr value, DataType type, String argument, boolean rawTextNeeded) {
        return Optional.of(DataTypes.DateType.equals(type) ? value : new Expr.Cast(call(Fn.DATE_TRUNC, lit(argument), value), type));
    }

    @Override
    public Column inSpark(Column arrived, DataType type, String argument, HashKey key) {
        return arrived;
    }

    static boolean isTemporal(DataType type) {
        return DataTypes.DateType.equals(type) || DataTypes.TimestampType.equals(type) || DataTypes.TimestampNTZType.equals(type);
    }
}
