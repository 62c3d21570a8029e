package io.dataexporter.jobs.governance;

import io.dataexporter.classification.expr.SqlDialect;
import io.dataexporter.classification.plan.TablePlan;
import io.dataexporter.classification.policy.PolicyRows;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.types.StructType;

/**
 * Compares a table's warehouse side with its policy at each run and samples what the policy lets through, reporting
 * what an operator should act on:
 * <ul>
 *   <li>drift: a column no rule names (withheld until one does), a rule whose column is gone, a treated column whose
 *       type no longer fits its treatment (withheld until mended), a source value or metric name seen in the window that
 *       no rule names (with its row count); a type change since the previous run is added by {@code FindingsHistory};</li>
 *   <li>content: a text column that leaves without a PII treatment (or is withheld only for want of a rule) whose
 *       sampled cells hold PII, as the scrubber's detectors find it, at or above a threshold share.</li>
 * </ul>
 * Each finding spells out its fix; the classification is left for a person to choose. Samples are drawn by the
 * warehouse ({@code LIMIT}), read here only, and never exported or logged: a finding shows two examples masked as REDACT
 * masks them. Values of sources and metrics are shown at most 64 characters long.
 */
public final class PolicyScan {

    /**
     * @param sampleRows cells sampled per column per run (0: no content scan)
     * @param threshold  the share of sampled cells holding one PII type that makes a finding
     * @param withhold   a column with such a finding is also withheld from the run (fail closed), not only reported
     */
    public record Settings(int sampleRows, double threshold, boolean withhold) {
        public Settings(int sampleRows, double threshold) {
            this(sampleRows, threshold, false);
        }

        public Settings {
            if (sampleRows < 0 || sampleRows > 100_000) {
                throw new IllegalArgumentException("governance.scan-rows is " + sampleRows + "; use 0 (no content scan) to 100000");
            }
            if (!(threshold > 0 && threshold <= 1)) {
                throw new IllegalArgumentException("governance.scan-threshold is " + threshold + "; use a share above 0 and at most 1, e.g. 0.05");
            }
        }
    }

    /** The reasons a long table's rows stay in the warehouse, as counted in {@link Report#filteredRows()}. */
    public static final List<String> FILTER_REASONS = List.of("de_metric", "unknown_metric");

    /**
     * A table's scan: its findings, and the rows of the window its warehouse query filters out, by reason (a long
     * table's {@code de_metric} and {@code unknown_metric}, NULL included; empty for other tables or when the
     * warehouse could not count them).
     */
    public record Report(List<Finding> findings, Map<String, Long> filteredRows) {
        public Report {
            findings = List.copyOf(findings);
            filteredRows = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(filteredRows));
        }
    }

    private static final int MOST_VALUES = 100;

    private PolicyScan() {
    }

    /** A table's plan for this run, after its governance scan, and the scan's report. */
    public record Governed(TablePlan plan, Report report) {
    }

    /**
     * Plans a table ({@code planner} plans it under the policy rows it is given), scans it on a connection of its own,
     * and, with {@code governance.scan-action=withhold}, plans it again with each column found holding PII classified
     * de for this run (fail closed) until a person fixes the rule.
     */
    public static Governed govern(io.dataexporter.jobs.config.JdbcTarget warehouse, PolicyRows policy, java.util.function.Function<PolicyRows, TablePlan> planner,
                                  StructType schema, SqlDialect dialect, Settings settings) {
        TablePlan planned = planner.apply(policy);
        Report report = scan(warehouse, planned, schema, dialect, settings);
        Set<String> withhold = settings.withhold() ? report.findings().stream().filter(finding -> finding.kind() == FindingKind.PII_IN_CLEAR_COLUMN)
                .map(Finding::subject).collect(java.util.stream.Collectors.toCollection(TreeSet::new)) : Set.of();
        return new Governed(withhold.isEmpty() ? planned : planner.apply(withholding(policy, planned.table(), withhold)), report);
    }

    // The policy with those columns of the table classified de.
    private static PolicyRows withholding(PolicyRows rows, String table, Set<String> columns) {
        List<PolicyRows.ColumnRuleRow> rules = new ArrayList<>();
        for (PolicyRows.ColumnRuleRow rule : rows.columnRules()) {
            if (!(rule.tableName().equals(table) && columns.contains(rule.columnName()))) {
                rules.add(rule);
            }
        }
        columns.forEach(column -> rules.add(new PolicyRows.ColumnRuleRow(table, column, "de", null, null)));
        return new PolicyRows(rows.exportTables(), rules, rows.sourceRules(), rows.metricRules());
    }

    /** {@link #scan(Connection, TablePlan, StructType, SqlDialect, Settings)} on a connection of its own; one that cannot be opened is a finding. */
    public static Report scan(io.dataexporter.jobs.config.JdbcTarget warehouse, TablePlan plan, StructType schema, SqlDialect dialect,
                              Settings settings) {
        try (Connection connection = warehouse.connect()) {
            return scan(connection, plan, schema, dialect, settings);
        } catch (SQLException e) {
            return new Report(List.of(scanFailed(plan, "connect to", e)), Map.of());
        }
    }

    /** The findings of one table; what the warehouse cannot answer is itself a finding, never a failure of the export. */
    public static Report scan(Connection warehouse, TablePlan plan, StructType schema, SqlDialect dialect, Settings settings) {
        return scan(new JdbcWarehouseSampler(warehouse, dialect), plan, schema, dialect, settings);
    }

    /** {@link #scan(Connection, TablePlan, StructType, SqlDialect, Settings)} over any {@link WarehouseSampler}. */
    public static Report scan(WarehouseSampler warehouse, TablePlan plan, StructType schema, SqlDialect dialect, Settings settings) {
        FixStatements fixes = new FixStatements(dialect, plan.table());
        List<Finding> findings = new ArrayList<>(DriftChecks.of(plan, fixes));
        Map<String, Long> filtered = new LinkedHashMap<>();
        try {
            if (plan.sourceColumn().isPresent()) {
                String source = plan.sourceColumn().get();
                findings.addAll(ValueChecks.unknownValues(plan, source, plan.knownSources(), FindingKind.UNKNOWN_SOURCE, "its mx cells are withheld",
                        fixes::addSourceRule, warehouse.valueCounts(plan, source, plan.knownSources().size() + MOST_VALUES), fixes));
            }
            if (plan.metricColumn().isPresent()) {
                String metric = plan.metricColumn().get();
                filtered.putAll(warehouse.filteredRows(plan));
                findings.addAll(ValueChecks.unknownValues(plan, metric, plan.knownMetrics(), FindingKind.UNKNOWN_METRIC, "its rows are not exported",
                        fixes::addMetricRule, warehouse.valueCounts(plan, metric, plan.knownMetrics().size() + MOST_VALUES), fixes));
            }
            if (settings.sampleRows() > 0) {
                for (String column : plan.columnsToScan(schema)) {
                    findings.addAll(ContentCheck.of(column, warehouse.sample(plan, column, settings.sampleRows()), settings.threshold(), fixes));
                }
            }
        } catch (SQLException e) {
            findings.add(scanFailed(plan, "read", e));
        }
        return new Report(findings, filtered);
    }

    private static Finding scanFailed(TablePlan plan, String what, SQLException e) {
        // the driver's message names hosts, ports and roles: the finding keeps the SQL state only, the job's log the rest
        System.err.println("governance scan of " + plan.table() + " could not " + what + " the warehouse: " + e.getClass().getSimpleName()
                + " (SQL state " + e.getSQLState() + ")");
        return new Finding(FindingKind.SCAN_FAILED, plan.table(), "the governance scan could not " + what + " the warehouse (SQL state "
                + Optional.ofNullable(e.getSQLState()).orElse("unknown") + ")", "check the warehouse's connection and the export role's grants;"
                + " the export itself went on");
    }
}
