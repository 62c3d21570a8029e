package io.dataexporter.classification.plan;

import static io.dataexporter.classification.expr.Expr.call;
import static io.dataexporter.classification.expr.Expr.lit;
import static org.apache.spark.sql.functions.col;

import io.dataexporter.classification.expr.Expr;
import io.dataexporter.classification.expr.Fn;
import io.dataexporter.classification.expr.SqlDialect;
import io.dataexporter.classification.policy.HashKey;
import io.dataexporter.classification.policy.Treatment;
import io.dataexporter.classification.transform.Treatments;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/**
 * How one kept column's cells are made. The level picks, cell by cell, the clear form, the treated form or NULL. Each
 * form is made in two steps:
 * <ol>
 *   <li>in the warehouse query: a cell the level withholds is NULL, and each treatment's warehouse form
 *       ({@link io.dataexporter.classification.treatment.TreatmentKind#inWarehouse}) is applied there, so that only
 *       what the policy lets out leaves the warehouse; the step is one {@link Expr}, rendered as the query's SQL and as
 *       a Spark Column over a raw table;</li>
 *   <li>in Spark: what only Spark has (the keyed hash, the rest of the masks, gunzip, free-text scrubbing).</li>
 * </ol>
 *
 * @param clear    the treatment of a clear cell: empty for the value itself, or a PII column's protection
 * @param treated  the treatment of a treated cell
 * @param freeText whether both forms are scrubbed of PII (after gunzip, before any other Spark treatment)
 * @param expands  whether the column is gunzipped in Spark before anything else (a compressed column: its content's
 *                 rule applies to the expanded text)
 */
record CellRecipe(String column, String output, DataType type, CellLevel level, Optional<Treatment> clear, Treatment treated,
                  boolean freeText, boolean expands) {

    CellRecipe {
        Objects.requireNonNull(treated, "treated");
    }

    /** Whether the warehouse query selects the column at all: not when every cell it may return is NULL. */
    boolean readsWarehouse() {
        return (level.allows(CellLevel.CLEAR) && inWarehouse(clear).isPresent()) || (level.allows(CellLevel.TREATED) && inWarehouse(Optional.of(treated)).isPresent());
    }

    /** The column's item in the warehouse query (without its alias); only when {@link #readsWarehouse()}. */
    Expr warehouseExpr() {
        Expr clearForm = level.allows(CellLevel.CLEAR) ? inWarehouse(clear).orElse(null) : null;
        Expr treatedForm = level.allows(CellLevel.TREATED) ? inWarehouse(Optional.of(treated)).orElse(null) : null;
        if (level.isConstant()) {
            return level.constant() == CellLevel.CLEAR ? clearForm : treatedForm;
        }
        if (clearForm == null && treatedForm == null) {
            // nothing of the column may leave: NULL of the column's own type (a CASE needs at least one WHEN)
            return pinned(new Expr.Case(List.of(new Expr.When(call(Fn.EQ, lit(1), lit(0)), Expr.ref(column))), null));
        }
        if (Objects.equals(clearForm, treatedForm)) {
            return pinned(new Expr.Case(List.of(new Expr.When(call(Fn.LT, level.expression(), lit(CellLevel.NULL)), clearForm)), null));
        }
        // a simple CASE: the level is computed once per row
        List<Expr.When> whens = new ArrayList<>();
        if (clearForm != null) {
            whens.add(new Expr.When(lit(CellLevel.CLEAR), clearForm));
        }
        if (treatedForm != null) {
            whens.add(new Expr.When(lit(CellLevel.TREATED), treatedForm));
        }
        return pinned(new Expr.Switch(level.expression(), whens, null));
    }

    // A CASE without ELSE over numeric(p,s) is a numeric without precision and scale in PostgreSQL: the cast keeps both,
    // so the column arrives with the type it has in the warehouse on every read path.
    private Expr pinned(Expr choice) {
        return type instanceof DecimalType && !freeText && !expands ? new Expr.Cast(choice, type) : choice;
    }

    String warehouseSql(SqlDialect dialect) {
        return warehouseExpr().sql(dialect);
    }

    /** The warehouse step as a Spark Column over the raw table: the same values {@link #warehouseSql} returns. */
    Column warehouseColumn() {
        return warehouseExpr().column().cast(type);
    }

    /** Whether Spark may withhold a present cell because it is beyond a limit: scrubbed text, gunzipped values. */
    boolean mayWithholdOverLimits() {
        return freeText || expands;
    }

    /** The output cell, from the warehouse query's row. */
    Column output(HashKey key) {
        Column read = readsWarehouse() ? col(column) : org.apache.spark.sql.functions.lit(null).cast(type);
        return level.select(() -> sparkStep(clear, read, key), () -> sparkStep(Optional.of(treated), read, key)).as(output);
    }

    // What the warehouse returns for one form: the value itself, or the treatment's warehouse form; empty when never read.
    private Optional<Expr> inWarehouse(Optional<Treatment> treatment) {
        Expr value = Expr.ref(column);
        return treatment.isEmpty() ? Optional.of(value) : treatment.get().kind().inWarehouse(value, type, treatment.get().argument(), rawTextNeeded());
    }

    // Masks are begun in the warehouse for text columns that are neither scrubbed (the scrubber must see the raw text) nor
    // compressed (the warehouse sees base64).
    private boolean rawTextNeeded() {
        return freeText || expands || !DataTypes.StringType.equals(type);
    }

    private Column sparkStep(Optional<Treatment> treatment, Column read, HashKey key) {
        DataType arriving = freeText || expands ? DataTypes.StringType : type;
        if (inWarehouse(treatment).isEmpty()) {
            return org.apache.spark.sql.functions.lit(null).cast(arriving);
        }
        Column value = expands ? Treatments.expandGzip(read) : read;
        Column scrubbed = freeText ? Treatments.scrubFreeText(value) : value;
        return treatment.map(t -> t.kind().inSpark(scrubbed, arriving, t.argument(), key)).orElse(scrubbed);
    }
}
