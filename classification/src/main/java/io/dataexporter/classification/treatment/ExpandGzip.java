package io.dataexporter.classification.treatment;

import io.dataexporter.classification.expr.Expr;
import io.dataexporter.classification.policy.HashKey;
import io.dataexporter.classification.transform.Treatments;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataType;

/**
 * {@code EXPAND_GZIP}: the form of a {@code *_compressed} column's content, gunzipped under the column's name without
 * the suffix. It is its compressed column's own rule (see the plan's compressed twins), never a treatment of the
 * content: on any column as a treatment it does not fit, and the column is withheld.
 */
final class ExpandGzip implements TreatmentKind {

    @Override
    public String code() {
        return "EXPAND_GZIP";
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
        return Optional.of("EXPAND_GZIP applies to base64 text columns named *_compressed");
    }

    /** The compressed text leaves the warehouse (it holds no gunzip); Spark expands it. */
    @Override
    public Optional<Expr> inWarehouse(Expr value, DataType type, String argument, boolean rawTextNeeded) {
        return Optional.of(value);
    }

    @Override
    public Column inSpark(Column arrived, DataType type, String argument, HashKey key) {
        return Treatments.expandGzip(arrived);
    }
}
