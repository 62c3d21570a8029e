package io.dataexporter.classification.plan;

/**
 * What the policy does to one warehouse column.
 *
 * @param column the warehouse column
 * @param fate   kept (exported as is), treated, or withheld (never read from the warehouse)
 * @param output the output column's name; empty when withheld
 * @param detail the treatment applied, or why the column is withheld
 */
public record ColumnFate(String column, Fate fate, String output, String detail) {

    /** The three fates. */
    public enum Fate { KEPT, TREATED, WITHHELD }

    public static ColumnFate withheld(String column, String why) {
        return new ColumnFate(column, Fate.WITHHELD, "", why);
    }

    public boolean isWithheld() {
        return fate == Fate.WITHHELD;
    }
}
