package io.dataexporter.classification.plan;

import io.dataexporter.classification.expr.SqlDialect;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A table plan's column fates as text (for {@code plan}) and JSON (for manifests, run reports and notifications). */
final class PlanReport {

    private PlanReport() {
    }

    static String text(TablePlan plan, SqlDialect dialect) {
        StringBuilder out = new StringBuilder();
        out.append(plan.qualifiedTable()).append("  (policy ").append(plan.policyVersion()).append(", ")
                .append(plan.window().map(w -> "window " + w.start() + " .. " + w.end()).orElse(plan.timeColumn().isEmpty() ? "snapshot" : "no window"))
                .append(")\n");
        for (ColumnFate fate : plan.columnFates()) {
            String name = fate.output().isEmpty() || fate.output().equals(fate.column()) ? fate.column() : fate.column() + " -> " + fate.output();
            out.append(String.format("  %-9s %-40s %s%n", fate.fate().name().toLowerCase(java.util.Locale.ROOT), name, fate.detail()).stripTrailing()).append('\n');
        }
        plan.warnings().forEach(warning -> out.append("  warning   ").append(warning).append('\n'));
        out.append("  SQL: ").append(plan.warehouseQuery(dialect)).append('\n');
        return out.toString();
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    static String json(TablePlan plan) {
        ObjectNode report = JSON.createObjectNode().put("table", plan.qualifiedTable()).put("policyVersion", plan.policyVersion());
        ArrayNode columns = report.putArray("columns");
        plan.columnFates().forEach(f -> columns.addObject().put("column", f.column()).put("fate", f.fate().name().toLowerCase(java.util.Locale.ROOT))
                .put("output", f.output()).put("detail", f.detail()));
        ArrayNode withheld = report.putArray("withheld");
        plan.withheldColumns().forEach(fate -> withheld.add(fate.column()));
        ArrayNode warnings = report.putArray("warnings");
        plan.warnings().forEach(warnings::add);
        return report.toString();
    }
}
