package io.dataexporter.classification.plan;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.dataexporter.classification.policy.HashKey;
import io.dataexporter.classification.policy.Treatment;
import io.dataexporter.classification.transform.Treatments;
import java.util.Objects;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * How one kept column's cells are made. The level picks, cell by cell, the clear form, the treated form or NULL. Each
 * form is made in two steps:
 * <ol>
 *   <li>in the warehouse query: a cell the level withholds is NULL, a form that is always NULL ({@code NULLIFY}) is
 *       never read, and the treatments the warehouse computes exactly ({@code ROUND}, {@code TRUNCATE},
 *       {@code YEAR_ONLY}) are applied there, so that only what the policy lets out leaves the warehouse;</li>
 *   <li>in Spark: what only Spark has ({@code HASH}, {@code REDACT}, {@code SHOW_*}, gunzip, free-text scrubbing).</li>
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
        return (level.allows(CellLevel.CLEAR) && !nulls(clear)) || (level.allows(CellLevel.TREATED) && !nulls(Optional.of(treated)));
    }

    /** The column's item in the warehouse query (without its alias); only when {@link #readsWarehouse()}. */
    String warehouseSql(SqlDialect dialect) {
        String clearSql = level.allows(CellLevel.CLEAR) ? warehouseSql(clear, dialect) : null;
        String treatedSql = level.allows(CellLevel.TREATED) ? warehouseSql(Optional.of(treated), dialect) : null;
        if (level.isConstant()) {
            return level.constant() == CellLevel.CLEAR ? clearSql : treatedSql;
        }
        if (Objects.equals(clearSql, treatedSql)) {
            return "CASE WHEN " + level.sql() + " < " + CellLevel.NULL + " THEN " + clearSql + " END";
        }
        if (clearSql == null && treatedSql == null) {
            // nothing of the column may leave: NULL of the column's own type (a CASE needs at least one WHEN)
            return "CASE WHEN 1 = 0 THEN " + Identifiers.quote(column) + " END";
        }
        // a simple CASE: the level is computed once per row
        StringBuilder sql = new StringBuilder("CASE ").append(level.sql());
        if (clearSql != null) {
            sql.append(" WHEN ").append(CellLevel.CLEAR).append(" THEN ").append(clearSql);
        }
        if (treatedSql != null) {
            sql.append(" WHEN ").append(CellLevel.TREATED).append(" THEN ").append(treatedSql);
        }
        return sql.append(" END").toString();
    }

    /** The warehouse step as a Spark Column over the raw table: the same values {@link #warehouseSql} returns. */
    Column warehouseColumn() {
        return level.select(() -> warehouseColumn(clear), () -> warehouseColumn(Optional.of(treated))).cast(type);
    }

    /** Whether Spark may withhold a present cell because it is beyond a limit: scrubbed text, gunzipped values. */
    boolean mayWithholdOverLimits() {
        return freeText || expands;
    }

    /** The output cell, from the warehouse query's row. */
    Column output(HashKey key) {
        Column read = readsWarehouse() ? col(column) : lit(null).cast(type);
        return level.select(() -> sparkStep(clear, read, key), () -> sparkStep(Optional.of(treated), read, key)).as(output);
    }

    private String warehouseSql(Optional<Treatment> treatment, SqlDialect dialect) {
        String raw = Identifiers.quote(column);
        if (treatment.isEmpty()) {
            return raw;
        }
        boolean date = DataTypes.DateType.equals(type);
        return switch (treatment.get().kind()) {
            case NULLIFY -> null;
            case ROUND -> dialect.round(raw, treatment.get().digits(), type);
            case TRUNCATE -> date ? raw : dialect.truncate(raw, treatment.get().argument());
            case YEAR_ONLY -> date ? dialect.yearOfDate(raw) : dialect.yearOfTimestamp(raw);
            case REDACT, SHOW_LAST_4, SHOW_FIRST_4 -> premasked() ? dialect.premask(raw, treatment.get().kind()) : raw;
            default -> raw;
        };
    }

    // Masks are begun in the warehouse for text columns that are not scrubbed (the scrubber must see the raw text) nor
    // compressed (the warehouse sees base64).
    private boolean premasked() {
        return !freeText && !expands && DataTypes.StringType.equals(type);
    }

    // The same as SqlDialect.premask, as Spark SQL ("div": Spark's "/" divides into a double).
    private Column premaskColumn(Treatment.Kind kind) {
        String c = "`" + column.replace("`", "``") + "`";
        String length = "char_length(" + c + ")";
        String shown = "least(4, " + length + " div 2)";
        String from = "'" + SqlDialect.ASCII_LETTERS_AND_DIGITS + "'";
        String to = "'" + SqlDialect.ASCII_MASKS + "'";
        java.util.function.UnaryOperator<String> mask = e -> "translate(" + e + ", " + from + ", " + to + ")";
        String sql = switch (kind) {
            case REDACT -> mask.apply(c);
            case SHOW_LAST_4 -> "CASE WHEN " + length + " <= 4 THEN " + mask.apply(c) + " ELSE concat(" + mask.apply("left(" + c + ", " + length + " - "
                    + shown + ")") + ", right(" + c + ", " + shown + ")) END";
            case SHOW_FIRST_4 -> "CASE WHEN " + length + " <= 4 THEN " + mask.apply(c) + " ELSE concat(left(" + c + ", " + shown + "), "
                    + mask.apply("substr(" + c + ", " + shown + " + 1)") + ") END";
            default -> throw new IllegalArgumentException(kind + " is not a masking treatment");
        };
        return functions.expr(sql);
    }

    private Column warehouseColumn(Optional<Treatment> treatment) {
        if (treatment.isEmpty()) {
            return col(column);
        }
        if (nulls(treatment)) {
            return lit(null).cast(type);
        }
        Treatment.Kind kind = treatment.get().kind();
        if ((kind == Treatment.Kind.REDACT || kind == Treatment.Kind.SHOW_LAST_4 || kind == Treatment.Kind.SHOW_FIRST_4) && premasked()) {
            return premaskColumn(kind);
        }
        return inWarehouse(treatment.get()) ? Treatments.apply(treatment.get(), col(column), type, null) : col(column);
    }

    private Column sparkStep(Optional<Treatment> treatment, Column read, HashKey key) {
        if (nulls(treatment)) {
            return lit(null).cast(freeText || expands ? DataTypes.StringType : type);
        }
        Column value = expands ? Treatments.expandGzip(read) : read;
        Column scrubbed = freeText ? Treatments.scrubFreeText(value) : value;
        if (treatment.isEmpty() || inWarehouse(treatment.get())) {
            return scrubbed;
        }
        return Treatments.apply(treatment.get(), scrubbed, freeText || expands ? DataTypes.StringType : type, key);
    }

    /** The treatments the warehouse computes exactly; Spark leaves their cells as they arrive. */
    static boolean inWarehouse(Treatment treatment) {
        return switch (treatment.kind()) {
            case ROUND, TRUNCATE, YEAR_ONLY -> true;
            default -> false;
        };
    }

    private static boolean nulls(Optional<Treatment> treatment) {
        return treatment.isPresent() && treatment.get().kind() == Treatment.Kind.NULLIFY;
    }
}
