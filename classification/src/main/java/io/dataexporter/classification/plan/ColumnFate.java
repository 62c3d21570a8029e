package io.dataexporter.classification.plan;

/**
 * What the policy does to one warehouse column.
 *
 * @param column the warehouse column
 * @param fate   kept (exported as is), treated, or withheld (never read from the warehouse)
 * @param output the output column's name; empty when withheld
 * @param detail the treatment applied, or why the column is withheld
 * @param type   the warehouse column's type as Spark reads it (e.g. {@code decimal(9,6)}); empty when not known
 */
public record ColumnFate(String column, Fate fate, String output, String detail, String type) {

    /** The detail of a column withheld because no rule names it. */
    public static final String NO_RULE = "no classification rule";

    /** The start of the detail of a column withheld because its treatment does not apply to its type. */
    public static final String TYPE_MISFIT = "its treatment does not fit its type: ";

    /** The start of the detail of a compressed column withheld because its own rule contradicts its twin's. */
    public static final String TWIN_CONFLICT = "its rule contradicts its twin's: ";

    /** The three fates. */
    public enum Fate { KEPT, TREATED, WITHHELD }

    public ColumnFate(String column, Fate fate, String output, String detail) {
        this(column, fate, output, detail, "");
    }

    public static ColumnFate withheld(String column, String why) {
        return new ColumnFate(column, Fate.WITHHELD, "", why);
    }

    public static ColumnFate withheld(String column, String why, String type) {
        return new ColumnFate(column, Fate.WITHHELD, "", why, type);
    }

    /** Whether the column is withheld because no rule names it. */
    public boolean isWithoutRule() {
        return isWithheld() && detail.equals(NO_RULE);
    }

    /** Whether the column is withheld because its treatment does not apply to its (changed) type. */
    public boolean isTypeMisfit() {
        return isWithheld() && detail.startsWith(TYPE_MISFIT);
    }

    /** Whether the column is a compressed column withheld because its own rule contradicts its twin's. */
    public boolean isTwinConflict() {
        return isWithheld() && detail.startsWith(TWIN_CONFLICT);
    }

    public boolean isWithheld() {
        return fate == Fate.WITHHELD;
    }
}
