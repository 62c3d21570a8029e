package io.dataexporter.classification.plan;

import io.dataexporter.classification.expr.SqlDialect;
import java.util.List;
import java.util.stream.Collectors;

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

    static String json(TablePlan plan) {
        String columns = plan.columnFates().stream()
                .map(f -> "{\"column\":" + quote(f.column()) + ",\"fate\":" + quote(f.fate().name().toLowerCase(java.util.Locale.ROOT))
                        + ",\"output\":" + quote(f.output()) + ",\"detail\":" + quote(f.detail()) + "}")
                .collect(Collectors.joining(","));
        return "{\"table\":" + quote(plan.qualifiedTable()) + ",\"policyVersion\":" + quote(plan.policyVersion())
                + ",\"columns\":[" + columns + "],\"withheld\":" + array(plan.withheldColumns().stream().map(ColumnFate::column).toList())
                + ",\"warnings\":" + array(plan.warnings()) + "}";
    }

    private static String array(List<String> values) {
        return values.stream().map(PlanReport::quote).collect(Collectors.joining(",", "[", "]"));
    }

    static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }
}
