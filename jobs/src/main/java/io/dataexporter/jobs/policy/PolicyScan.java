package io.dataexporter.jobs.policy;

import io.dataexporter.classification.plan.ColumnFate;
import io.dataexporter.classification.expr.SqlDialect;
import io.dataexporter.classification.plan.TablePlan;
import io.dataexporter.classification.policy.PolicyRows;
import io.dataexporter.classification.transform.Masking;
import io.dataexporter.classification.transform.PiiScrubber;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /** One finding: its kind, the column or value it is about, what was seen, and the fix. */
    public record Finding(String kind, String subject, String detail, String fix) {
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

    private static final Pattern PLACEHOLDER = io.dataexporter.classification.transform.Placeholder.ANY;
    private static final int LONGEST_CELL_SCANNED = 10_000;
    private static final int LONGEST_VALUE_SHOWN = 64;
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
        Set<String> withhold = settings.withhold() ? report.findings().stream().filter(finding -> finding.kind().equals("pii_in_clear_column"))
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
        List<Finding> findings = new ArrayList<>();
        Map<String, Long> filtered = new LinkedHashMap<>();
        String table = plan.table();
        for (ColumnFate fate : plan.columnFates()) {
            if (fate.isWithheld() && fate.detail().equals("no classification rule")) {
                findings.add(new Finding("column_without_rule", fate.column(), "column " + fate.column() + " has no rule in data_column_classification:"
                        + " it is withheld until one names it", "INSERT INTO de_config.data_column_classification (table_name, column_name,"
                        + " classification, treatment, pii_type) VALUES (" + dialect.stringLiteral(table) + ", " + dialect.stringLiteral(fate.column())
                        + ", '<nr|mx|hwc|de>', NULL, NULL);"));
            }
            if (fate.isTypeMisfit()) {
                findings.add(new Finding("type_misfit", fate.column(), "column " + fate.column() + " is of type " + fate.type() + " in the warehouse, where "
                        + fate.detail().substring(ColumnFate.TYPE_MISFIT.length()) + ": it is withheld until its rule or its type is mended",
                        "UPDATE de_config.data_column_classification SET treatment = '<a treatment for " + fate.type() + ">' WHERE table_name = "
                                + dialect.stringLiteral(table) + " AND column_name = " + dialect.stringLiteral(fate.column()) + "; (or restore the column's type in the warehouse)"));
            }
            if (fate.isTwinConflict()) {
                findings.add(new Finding("twin_conflict", fate.column(), "column " + fate.column() + " is withheld: "
                        + fate.detail().substring(ColumnFate.TWIN_CONFLICT.length()), "SELECT * FROM de_config.data_column_classification WHERE table_name = "
                        + dialect.stringLiteral(table) + " AND column_name IN (" + dialect.stringLiteral(fate.column()) + ", "
                        + dialect.stringLiteral(fate.column().substring(0, fate.column().length() - "_compressed".length())) + ");"));
            }
        }
        for (String column : plan.rulesWithoutColumn()) {
            findings.add(new Finding("rule_without_column", column, "data_column_classification names column " + column
                    + ", which the table no longer has", "DELETE FROM de_config.data_column_classification WHERE table_name = " + dialect.stringLiteral(table)
                    + " AND column_name = " + dialect.stringLiteral(column) + ";"));
        }
        List<String> window = plan.warehousePredicates(dialect).stream()
                .filter(predicate -> plan.metricColumn().map(metric -> !predicate.contains(quote(metric))).orElse(true)).toList();
        try {
            if (plan.sourceColumn().isPresent()) {
                unknownValues(warehouse, plan, window, dialect, plan.sourceColumn().get(), plan.knownSources(), "unknown_source",
                        "its mx cells are withheld", value -> "INSERT INTO de_config.actual_data_classifications (source, classification) VALUES ("
                                + dialect.stringLiteral(value) + ", '<nr|mx|hwc|de>');", findings);
            }
            if (plan.metricColumn().isPresent()) {
                filtered.putAll(filteredRows(warehouse, plan, window, dialect));
                unknownValues(warehouse, plan, window, dialect, plan.metricColumn().get(), plan.knownMetrics(), "unknown_metric",
                        "its rows are not exported", value -> "INSERT INTO de_config.long_table_data_classifications (table_name, metric_name,"
                                + " classification) VALUES (" + dialect.stringLiteral(table) + ", " + dialect.stringLiteral(value) + ", '<nr|mx|hwc|de>');", findings);
            }
            if (settings.sampleRows() > 0) {
                for (String column : plan.columnsToScan(schema)) {
                    content(warehouse, plan, window, column, settings, dialect, findings);
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
        return new Finding("scan_failed", plan.table(), "the governance scan could not " + what + " the warehouse (SQL state "
                + Optional.ofNullable(e.getSQLState()).orElse("unknown") + ")", "check the warehouse's connection and the export role's grants;"
                + " the export itself went on");
    }

    // One aggregate over the window (no LIMIT, so exact however many names there are): the rows of de metrics and of
    // metrics no rule names, which the export's query leaves in the warehouse.
    private static Map<String, Long> filteredRows(Connection warehouse, TablePlan plan, List<String> window, SqlDialect dialect) throws SQLException {
        String metric = "upper(btrim(" + quote(plan.metricColumn().orElseThrow()) + "))";
        String de = plan.deMetrics().isEmpty() ? "1 = 0" : metric + " IN (" + String.join(", ", plan.deMetrics().stream().map(dialect::stringLiteral).toList()) + ")";
        String known = plan.knownMetrics().isEmpty() ? "1 = 0" : metric + " IN (" + String.join(", ", plan.knownMetrics().stream().sorted()
                .map(dialect::stringLiteral).toList()) + ")";
        String sql = "SELECT sum(CASE WHEN " + de + " THEN 1 ELSE 0 END), sum(CASE WHEN " + metric + " IS NULL OR NOT (" + known + ") THEN 1 ELSE 0 END)"
                + " FROM " + qualified(plan) + where(window);
        try (PreparedStatement statement = warehouse.prepareStatement(sql)) {
            statement.setQueryTimeout(120);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                Map<String, Long> counts = new LinkedHashMap<>();
                counts.put(FILTER_REASONS.get(0), result.getLong(1));
                counts.put(FILTER_REASONS.get(1), result.getLong(2));
                return counts;
            }
        }
    }

    // The values of the source or metric column that no rule names, with their row counts. A value is shown (and put in
    // its fix) only where the column itself leaves the warehouse in clear; otherwise the finding gives counts, and a fix
    // that an operator runs in the warehouse to list the values.
    private static void unknownValues(Connection warehouse, TablePlan plan, List<String> window, SqlDialect dialect, String column, Set<String> known,
                                      String kind, String consequence, java.util.function.Function<String, String> fix, List<Finding> findings)
            throws SQLException {
        boolean inClear = plan.columnFates().stream().anyMatch(fate -> fate.column().equals(column) && fate.fate() == ColumnFate.Fate.KEPT);
        String folded = "upper(btrim(" + quote(column) + "))";
        String sql = "SELECT " + folded + " AS value, count(*) AS n FROM " + qualified(plan) + where(window)
                + " GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT " + (known.size() + MOST_VALUES);
        long hiddenValues = 0;
        long hiddenRows = 0;
        try (PreparedStatement statement = warehouse.prepareStatement(sql)) {
            statement.setQueryTimeout(120);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    String value = result.getString(1);
                    long rows = result.getLong(2);
                    if (value == null) {
                        findings.add(new Finding(kind, "NULL", rows + " row(s) in the window have no " + column + ": " + consequence,
                                "fill " + column + " in the warehouse; a NULL has no rule"));
                    } else if (known.contains(value)) {
                        continue;
                    } else if (inClear) {
                        findings.add(new Finding(kind, shown(value), rows + " row(s) in the window have " + column + " '" + shown(value)
                                + "', which no rule names: " + consequence, fix.apply(value)));
                    } else {
                        hiddenValues++;
                        hiddenRows += rows;
                    }
                }
            }
        }
        if (hiddenValues > 0) {
            List<String> conditions = new ArrayList<>(window);
            conditions.add(known.isEmpty() ? folded + " IS NOT NULL" : folded + " NOT IN (" + String.join(", ", known.stream().sorted()
                    .map(dialect::stringLiteral).toList()) + ")");
            findings.add(new Finding(kind, column, hiddenRows + " row(s) in the window have one of " + hiddenValues + " value(s) of " + column
                    + " that no rule names (" + column + " is not exported in clear, so its values are not shown here): " + consequence,
                    "list them in the warehouse: SELECT " + folded + " AS value, count(*) FROM " + qualified(plan) + where(conditions)
                            + " GROUP BY 1 ORDER BY 2 DESC; then give each a rule: " + fix.apply("<value>")));
        }
    }

    private static void content(Connection warehouse, TablePlan plan, List<String> window, String column, Settings settings, SqlDialect dialect,
                                List<Finding> findings)
            throws SQLException {
        List<String> conditions = new ArrayList<>(window);
        conditions.add(quote(column) + " IS NOT NULL");
        String sql = "SELECT " + quote(column) + " FROM " + qualified(plan) + where(conditions) + " LIMIT " + settings.sampleRows();
        int sampled = 0;
        Map<String, Integer> hits = new LinkedHashMap<>();
        Map<String, List<String>> examples = new LinkedHashMap<>();
        try (PreparedStatement statement = warehouse.prepareStatement(sql)) {
            statement.setQueryTimeout(120);
            statement.setFetchSize(1000);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    String cell = result.getString(1);
                    if (cell == null) {
                        continue;
                    }
                    sampled++;
                    String text = cell.length() > LONGEST_CELL_SCANNED ? cell.substring(0, LONGEST_CELL_SCANNED) : cell;
                    String scrubbed = PiiScrubber.scrub(text);
                    if (scrubbed == null || scrubbed.equals(text)) {
                        continue;
                    }
                    Set<String> types = new TreeSet<>();
                    Matcher matcher = PLACEHOLDER.matcher(scrubbed);
                    while (matcher.find()) {
                        types.add(matcher.group(1));
                    }
                    for (String type : types) {
                        hits.merge(type, 1, Integer::sum);
                        List<String> shown = examples.computeIfAbsent(type, key -> new ArrayList<>());
                        if (shown.size() < 2) {
                            shown.add(shown(Masking.redact(text)));
                        }
                    }
                }
            }
        }
        for (Map.Entry<String, Integer> hit : hits.entrySet()) {
            if (sampled > 0 && hit.getValue() >= settings.threshold() * sampled) {
                findings.add(new Finding("pii_in_clear_column", column, hit.getValue() + " of " + sampled + " sampled cells of " + column + " hold "
                        + hit.getKey() + ", e.g. " + String.join(" | ", examples.get(hit.getKey())), "UPDATE de_config.data_column_classification SET"
                        + " pii_type = '" + piiType(hit.getKey()) + "' WHERE table_name = " + dialect.stringLiteral(plan.table()) + " AND column_name = " + dialect.stringLiteral(column)
                        + "; (or FREE_TEXT, to scrub the column)"));
            }
        }
    }

    private static String piiType(String placeholder) {
        return io.dataexporter.classification.transform.Placeholder.named(placeholder).map(io.dataexporter.classification.transform.Placeholder::piiType)
                .orElse(placeholder);
    }

    private static String qualified(TablePlan plan) {
        String[] parts = plan.qualifiedTable().split("\\.", 2);
        return quote(parts[0]) + "." + quote(parts[1]);
    }

    private static String where(List<String> conditions) {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }


    private static String shown(String value) {
        String flat = value.replaceAll("\\p{Cntrl}|[\u2028\u2029\u0085]", " ");
        return flat.length() <= LONGEST_VALUE_SHOWN ? flat : flat.substring(0, LONGEST_VALUE_SHOWN) + "... (" + flat.length() + " characters)";
    }
}
