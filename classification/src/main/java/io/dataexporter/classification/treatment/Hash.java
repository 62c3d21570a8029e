package io.dataexporter.classification.treatment;

import io.dataexporter.classification.expr.Expr;
import io.dataexporter.classification.policy.HashKey;
import io.dataexporter.classification.transform.Treatments;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataType;

/** {@code HASH}: the keyed hash (HMAC-SHA256 under the pepper's key) of the value's text, as 64 hex digits. */
final class Hash implements TreatmentKind {

    @Override
    public String code() {
        return "HASH";
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
        return true;
    }

    @Override
    public Optional<String> typeProblem(DataType type) {
        return Optional.empty();
    }

    /** The raw value leaves the warehouse: the key must not, so only Spark can hash. */
    @Override
    public Optional<Expr> inWarehouse(Expr value, DataType type, String argument, boolean rawTextNeeded) {
        return Optional.of(value);
    }

    @Override
    public Column inSpark(Column arrived, DataType type, String argument, HashKey key) {
        return Treatments.hash(arrived, key);
    }
}
