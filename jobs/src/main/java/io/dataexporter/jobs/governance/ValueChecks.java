package io.dataexporter.jobs.governance;

import io.dataexporter.classification.plan.ColumnFate;
import io.dataexporter.classification.plan.TablePlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The values of a source or metric column that no rule names, from the warehouse's counts. A value is shown (and put in
 * its fix) only where the column itself leaves the warehouse in clear; otherwise the finding gives counts, and a fix
 * that an operator runs in the warehouse to list the values. Pure.
 */
final class ValueChecks {

    static final int LONGEST_VALUE_SHOWN = 64;

    private ValueChecks() {
    }

    static List<Finding> unknownValues(TablePlan plan, String column, Set<String> known, FindingKind kind, String consequence,
                                       Function<String, String> fix, List<WarehouseSampler.ValueCount> counts, FixStatements fixes) {
        boolean inClear = plan.columnFates().stream().anyMatch(fate -> fate.column().equals(column) && fate.fate() == ColumnFate.Fate.KEPT);
        List<Finding> findings = new ArrayList<>();
        long hiddenValues = 0;
        long hiddenRows = 0;
        for (WarehouseSampler.ValueCount count : counts) {
            String value = count.value();
            if (value == null) {
                findings.add(new Finding(kind, "NULL", count.rows() + " row(s) in the window have no " + column + ": " + consequence,
                        "fill " + column + " in the warehouse; a NULL has no rule"));
            } else if (known.contains(value)) {
                continue;
            } else if (inClear) {
                findings.add(new Finding(kind, shown(value), count.rows() + " row(s) in the window have " + column + " '" + shown(value)
                        + "', which no rule names: " + consequence, fix.apply(value)));
            } else {
                hiddenValues++;
                hiddenRows += count.rows();
            }
        }
        if (hiddenValues > 0) {
            findings.add(new Finding(kind, column, hiddenRows + " row(s) in the window have one of " + hiddenValues + " value(s) of " + column
                    + " that no rule names (" + column + " is not exported in clear, so its values are not shown here): " + consequence,
                    "list them in the warehouse: " + fixes.listUnknownValues(plan, column, new ArrayList<>(known)) + "; then give each a rule: "
                            + fix.apply("<value>")));
        }
        return findings;
    }

    /** A value as a finding may show it: control characters as spaces, at most 64 characters. */
    static String shown(String value) {
        String flat = value.replaceAll("\\p{Cntrl}|[\u2028\u2029\u0085]", " ");
        return flat.length() <= LONGEST_VALUE_SHOWN ? flat : flat.substring(0, LONGEST_VALUE_SHOWN) + "... (" + flat.length() + " characters)";
    }
}
