package io.dataexporter.classification.treatment;

import io.dataexporter.classification.expr.Expr;
import io.dataexporter.classification.policy.HashKey;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataType;

/**
 * One treatment of a handle-with-care cell, whole in one class: its code and argument, the types it fits, what the
 * warehouse returns for a cell it treats, and what Spark then makes of it. Adding one is a class and its line in
 * {@link TreatmentKinds#ALL}; every method is abstract, so a treatment that leaves one out does not compile.
 */
public interface TreatmentKind {

    /** The code a policy row writes, without the argument: {@code ROUND}. */
    String code();

    /** The argument it takes, or {@link Argument#NONE}. */
    Argument argument();

    /** Whether it hides who or what a value identifies, so that it may stand for a PII column's protection. */
    boolean masksIdentity();

    /** Whether it needs the keyed-hash key (the hash pepper). */
    boolean needsKey();

    /**
     * Why it does not apply to a warehouse column of this type (e.g. "ROUND applies to numbers"), or empty when it does.
     * A column whose treatment does not fit its type is withheld.
     */
    Optional<String> typeProblem(DataType type);

    /**
     * What the warehouse returns for a cell this treatment treats, from the cell's {@code value}: the treatment itself
     * where the warehouse computes it exactly, the value with what the warehouse can mask masked, the value itself where
     * only Spark can treat it (say so in the class: it is a raw value leaving the warehouse), or empty when the cell is
     * never read (NULL).
     *
     * @param rawTextNeeded whether Spark needs the cell's raw text (it scrubs it, or gunzips it first): no premask then
     */
    Optional<Expr> inWarehouse(Expr value, DataType type, String argument, boolean rawTextNeeded);

    /**
     * Spark's step on what {@link #inWarehouse} returned: the rest of the treatment, or the cell as it arrived when the
     * warehouse computed it all.
     *
     * @param type the type of the arriving cell
     */
    Column inSpark(Column arrived, DataType type, String argument, HashKey key);
}
