package io.dataexporter.jobs.governance;

import io.dataexporter.classification.plan.ColumnFate;
import io.dataexporter.classification.plan.TablePlan;
import java.util.ArrayList;
import java.util.List;

/** The findings a plan shows by itself, without asking the warehouse: columns and rules that drifted apart. Pure. */
final class DriftChecks {

    private DriftChecks() {
    }

    static List<Finding> of(TablePlan plan, FixStatements fixes) {
        List<Finding> findings = new ArrayList<>();
        for (ColumnFate fate : plan.columnFates()) {
            String column = fate.column();
            if (fate.isWithoutRule()) {
                findings.add(new Finding(FindingKind.COLUMN_WITHOUT_RULE, column, "column " + column + " has no rule in data_column_classification:"
                        + " it is withheld until one names it", fixes.addColumnRule(column)));
            }
            if (fate.isTypeMisfit()) {
                findings.add(new Finding(FindingKind.TYPE_MISFIT, column, "column " + column + " is of type " + fate.type() + " in the warehouse, where "
                        + fate.detail().substring(ColumnFate.TYPE_MISFIT.length()) + ": it is withheld until its rule or its type is mended",
                        fixes.retreat(column, fate.type())));
            }
            if (fate.isTwinConflict()) {
                findings.add(new Finding(FindingKind.TWIN_CONFLICT, column, "column " + column + " is withheld: "
                        + fate.detail().substring(ColumnFate.TWIN_CONFLICT.length()), fixes.showRules(column, column.substring(0, column.length()
                        - "_compressed".length()))));
            }
        }
        for (String column : plan.rulesWithoutColumn()) {
            findings.add(new Finding(FindingKind.RULE_WITHOUT_COLUMN, column, "data_column_classification names column " + column
                    + ", which the table no longer has", fixes.deleteColumnRule(column)));
        }
        return findings;
    }
}
