package io.dataexporter.classification.plan;

import io.dataexporter.classification.policy.PolicyRows;
import io.dataexporter.classification.policy.PolicyRows.ColumnRuleRow;
import io.dataexporter.classification.policy.PolicyRows.ExportTableRow;
import io.dataexporter.classification.policy.PolicyRows.MetricRuleRow;
import io.dataexporter.classification.policy.PolicyRows.SourceRuleRow;
import java.util.ArrayList;
import java.util.List;

/** Builds small policies for tests, rule by rule. */
final class Policies {

    private final List<ExportTableRow> tables = new ArrayList<>();
    private final List<ColumnRuleRow> columns = new ArrayList<>();
    private final List<SourceRuleRow> sources = new ArrayList<>();
    private final List<MetricRuleRow> metrics = new ArrayList<>();

    static Policies policy() {
        return new Policies();
    }

    Policies table(String name, String timeColumn, String sourceColumn) {
        tables.add(new ExportTableRow(name, true, timeColumn, sourceColumn, null, null));
        return this;
    }

    Policies longTable(String name, String timeColumn, String sourceColumn, String metricColumn, String valueColumns) {
        tables.add(new ExportTableRow(name, true, timeColumn, sourceColumn, metricColumn, valueColumns));
        return this;
    }

    Policies column(String table, String column, String classification) {
        return column(table, column, classification, null, null);
    }

    Policies column(String table, String column, String classification, String treatment, String pii) {
        columns.add(new ColumnRuleRow(table, column, classification, treatment, pii));
        return this;
    }

    Policies source(String source, String classification) {
        sources.add(new SourceRuleRow(source, classification));
        return this;
    }

    Policies metric(String table, String metric, String classification) {
        metrics.add(new MetricRuleRow(table, metric, classification));
        return this;
    }

    PolicyRows rows() {
        return new PolicyRows(tables, columns, sources, metrics);
    }
}
