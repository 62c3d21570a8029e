package io.dataexporter.classification.plan;

import static org.apache.spark.sql.functions.col;

import io.dataexporter.classification.plan.ColumnFate.Fate;
import io.dataexporter.classification.policy.Classification;
import io.dataexporter.classification.policy.HashKey;
import io.dataexporter.classification.policy.PiiType;
import io.dataexporter.classification.policy.PolicyException;
import io.dataexporter.classification.policy.PolicyRows;
import io.dataexporter.classification.policy.Treatment;
import io.dataexporter.classification.transform.Treatments;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Turns the policy, a table's warehouse schema and a window into a {@link TablePlan}. Pure: no Spark action, no I/O. */
public final class TablePlanner {

    private TablePlanner() {
    }

    /**
     * Plans one table.
     *
     * @param window  the time window, or empty for a snapshot table (whole table)
     * @param hashKey the keyed-hash key; required when any HASH applies
     * @throws PolicyException if the policy cannot be applied to the table; nothing of it may be exported
     */
    public static TablePlan plan(PolicyRows rows, String schema, String table, StructType columns,
                                 Optional<ExportWindow> window, Optional<HashKey> hashKey) {
        TablePolicy policy = TablePolicy.resolve(rows, schema, table, columns);
        String prefix = "Cannot export table " + schema + "." + table + ": ";
        List<String> problems = new ArrayList<>();
        List<ColumnFate> fates = new ArrayList<>();
        List<Column> outputs = new ArrayList<>();
        List<String> selected = new ArrayList<>();
        Set<String> outputNames = new HashSet<>();
        Set<String> valueColumns = Set.copyOf(policy.table().valueColumnList());
        for (StructField field : columns.fields()) {
            ColumnRule rule = policy.columnRules().get(field.name());
            if (rule == null) {
                fates.add(ColumnFate.withheld(field.name(), "no classification rule"));
                continue;
            }
            if (rule.classification() == Classification.DE) {
                fates.add(ColumnFate.withheld(field.name(), "classified de"));
                continue;
            }
            boolean valueColumn = valueColumns.contains(field.name());
            Optional<String> problem = typeProblem(rule, field.dataType())
                    .or(() -> pepperProblem(rule, valueColumn, hashKey));
            String outputName = outputName(rule);
            if (problem.isEmpty() && !outputNames.add(outputName)) {
                problem = Optional.of("column '" + field.name() + "' would be exported as '" + outputName
                        + "', which another column already is; withhold one of them");
            }
            if (problem.isPresent()) {
                problems.add(prefix + problem.get());
                continue;
            }
            CellLevel level = level(rule, valueColumns.contains(field.name()));
            Column raw = col(field.name());
            Column cell = level.select(() -> clear(rule, raw, field.dataType(), hashKey.orElse(null)),
                    () -> treated(rule, raw, field.dataType(), hashKey.orElse(null)));
            outputs.add(cell.as(outputName));
            selected.add(field.name());
            fates.add(fate(rule, outputName, valueColumns.contains(field.name())));
        }
        if (!problems.isEmpty()) {
            throw new PolicyException(table, problems);
        }
        return new TablePlan(schema, table, rows.version(), policy, window, fates, selected, outputs);
    }

    private static CellLevel level(ColumnRule rule, boolean valueColumn) {
        CellLevel level = switch (rule.classification()) {
            case NR -> CellLevel.of(CellLevel.CLEAR);
            case HWC -> CellLevel.of(CellLevel.TREATED);
            case MX -> CellLevel.bySource();
            case DE -> CellLevel.of(CellLevel.NULL);
        };
        return valueColumn ? level.stricter(CellLevel.byMetric()) : level;
    }

    // The clear value, except that a PII column is never in clear: free text is scrubbed, anything else
    // gets its treatment if that masks identity, or HASH.
    private static Column clear(ColumnRule rule, Column raw, DataType type, HashKey key) {
        if (rule.piiType().isEmpty()) {
            return raw;
        }
        if (rule.piiType().get() == PiiType.FREE_TEXT) {
            return Treatments.scrubFreeText(raw);
        }
        return Treatments.apply(piiProtection(rule), raw, type, key);
    }

    private static Column treated(ColumnRule rule, Column raw, DataType type, HashKey key) {
        Treatment treatment = rule.hwcTreatment();
        if (rule.piiType().isEmpty()) {
            return Treatments.apply(treatment, raw, type, key);
        }
        if (rule.piiType().get() == PiiType.FREE_TEXT) {
            return Treatments.apply(treatment, Treatments.scrubFreeText(raw), DataTypes.StringType, key);
        }
        return Treatments.apply(piiProtection(rule), raw, type, key);
    }

    private static Treatment piiProtection(ColumnRule rule) {
        Treatment treatment = rule.hwcTreatment();
        return treatment.kind().masksIdentity() ? treatment : Treatment.HASH;
    }

    private static boolean needsHash(ColumnRule rule, boolean valueColumn) {
        boolean treats = rule.classification() != Classification.NR || valueColumn;
        boolean pii = rule.piiType().isPresent() && rule.piiType().get() != PiiType.FREE_TEXT;
        boolean treatmentHashes = rule.hwcTreatment().kind() == Treatment.Kind.HASH;
        return (pii && piiProtection(rule).kind() == Treatment.Kind.HASH) || (treats && treatmentHashes);
    }

    private static Optional<String> pepperProblem(ColumnRule rule, boolean valueColumn, Optional<HashKey> hashKey) {
        if (hashKey.isEmpty() && needsHash(rule, valueColumn)) {
            return Optional.of("column '" + rule.column() + "' needs HASH, but no hash pepper is configured;"
                    + " set DATA_EXPORTER_HASH_PEPPER or data-exporter.hash.pepper-secret");
        }
        return Optional.empty();
    }

    private static Optional<String> typeProblem(ColumnRule rule, DataType type) {
        if (rule.classification() == Classification.NR || rule.treatment().isEmpty()) {
            return Optional.empty();
        }
        Treatment treatment = rule.treatment().get();
        boolean temporal = DataTypes.DateType.equals(type) || DataTypes.TimestampType.equals(type) || DataTypes.TimestampNTZType.equals(type);
        String where = "column '" + rule.column() + "' has treatment " + treatment + " but is of type " + type.simpleString() + "; ";
        return switch (treatment.kind()) {
            case ROUND -> type instanceof NumericType ? Optional.empty() : Optional.of(where + "ROUND applies to numbers");
            case TRUNCATE, YEAR_ONLY -> temporal ? Optional.empty() : Optional.of(where + treatment.kind() + " applies to dates and timestamps");
            case EXPAND_GZIP -> DataTypes.StringType.equals(type) && rule.column().endsWith("_compressed")
                    ? Optional.empty() : Optional.of(where + "EXPAND_GZIP applies to base64 text columns named *_compressed");
            default -> Optional.empty();
        };
    }

    private static String outputName(ColumnRule rule) {
        boolean expands = rule.classification() != Classification.NR
                && rule.treatment().map(t -> t.kind() == Treatment.Kind.EXPAND_GZIP).orElse(false);
        return expands ? rule.column().substring(0, rule.column().length() - "_compressed".length()) : rule.column();
    }

    private static ColumnFate fate(ColumnRule rule, String outputName, boolean valueColumn) {
        String pii = rule.piiType().map(p -> p == PiiType.FREE_TEXT ? "pii FREE_TEXT: scrubbed" : "pii " + p + ": " + piiProtection(rule))
                .orElse("");
        String metric = valueColumn ? "value column: the stricter of its rule and the row's metric rule" : "";
        String detail = switch (rule.classification()) {
            case NR -> pii;
            case HWC -> join(rule.piiType().isPresent() && rule.piiType().get() != PiiType.FREE_TEXT
                    ? piiProtection(rule).toString() : rule.hwcTreatment().toString(), pii);
            case MX -> join("mx: clear for nr sources, " + rule.hwcTreatment() + " for hwc sources, NULL otherwise", pii);
            case DE -> "classified de";
        };
        detail = join(detail, metric);
        Fate fate = detail.isEmpty() ? Fate.KEPT : Fate.TREATED;
        return new ColumnFate(rule.column(), fate, outputName, detail);
    }

    private static String join(String first, String second) {
        if (first.isEmpty()) {
            return second;
        }
        return second.isEmpty() ? first : first + "; " + second;
    }
}
