package io.dataexporter.classification.plan;

import io.dataexporter.classification.plan.ColumnFate.Fate;
import io.dataexporter.classification.policy.Classification;
import io.dataexporter.classification.policy.HashKey;
import io.dataexporter.classification.policy.PiiType;
import io.dataexporter.classification.policy.PolicyException;
import io.dataexporter.classification.policy.PolicyRows;
import io.dataexporter.classification.policy.Treatment;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Turns the policy, a table's warehouse schema and a window into a {@link TablePlan}. Pure: no Spark action, no I/O. */
public final class TablePlanner {

    private TablePlanner() {
    }

    /** Whether a configured name is a plain identifier (letters, digits and _, starting with a letter or _, at most 127). */
    public static boolean isIdentifier(String name) {
        return Identifiers.isValid(name);
    }

    /**
     * Refuses a configured table name that is not a plain identifier, before anything uses it: a table name becomes SQL
     * and a folder of the output and of the UNLOAD tempdir, where {@code ..} or {@code /} would reach other folders.
     */
    public static void requireIdentifier(String schema, String table) {
        if (!Identifiers.isValid(table)) {
            String shown = table == null ? "NULL" : table.codePoints().limit(200).mapToObj(c -> c < 0x20 || c == 0x7f
                    ? String.format("\\u%04x", c) : new String(Character.toChars(c))).collect(java.util.stream.Collectors.joining());
            throw new PolicyException(String.valueOf(table), List.of("Cannot export table " + schema + "." + shown + ": export_tables names table '"
                    + shown + "', which is not a valid identifier (letters, digits and _, starting with a letter or _, at most 127);"
                    + " correct or delete that export_tables row"));
        }
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
        List<CellRecipe> recipes = new ArrayList<>();
        Set<String> outputNames = new HashSet<>();
        Set<String> valueColumns = Set.copyOf(policy.table().valueColumnList());
        for (StructField field : columns.fields()) {
            ColumnRule rule = policy.columnRules().get(field.name());
            String type = field.dataType().simpleString();
            String conflict = policy.twinConflicts().get(field.name());
            if (conflict != null) {
                fates.add(ColumnFate.withheld(field.name(), ColumnFate.TWIN_CONFLICT + conflict, type));
                continue;
            }
            if (rule == null) {
                fates.add(ColumnFate.withheld(field.name(), ColumnFate.NO_RULE, type));
                continue;
            }
            if (rule.classification() == Classification.DE) {
                fates.add(ColumnFate.withheld(field.name(), "classified de", type));
                continue;
            }
            // a treatment that no longer fits the column's type (the warehouse changed it) withholds that column only:
            // fail closed for the column, while the rest of the table goes on, and the governance report names the fix
            Optional<String> misfit = rule.expands() && !DataTypes.StringType.equals(field.dataType())
                    ? Optional.of("treatment EXPAND_GZIP on type " + type + "; EXPAND_GZIP applies to base64 text columns named *_compressed")
                    : typeProblem(rule, rule.expands() ? DataTypes.StringType : field.dataType());
            if (misfit.isPresent()) {
                fates.add(ColumnFate.withheld(field.name(), ColumnFate.TYPE_MISFIT + misfit.get(), type));
                continue;
            }
            boolean valueColumn = valueColumns.contains(field.name()) || rule.contentOf().map(valueColumns::contains).orElse(false);
            Optional<String> problem = pepperProblem(rule, valueColumn, hashKey);
            String outputName = outputName(rule);
            if (problem.isEmpty() && !outputNames.add(outputName)) {
                problem = Optional.of("column '" + field.name() + "' would be exported as '" + outputName
                        + "', which another column already is; withhold one of them");
            }
            if (problem.isPresent()) {
                problems.add(prefix + problem.get());
                continue;
            }
            recipes.add(new CellRecipe(field.name(), outputName, field.dataType(), level(rule, valueColumn), clearTreatment(rule),
                    treatedTreatment(rule), rule.isFreeText(), rule.expands()));
            fates.add(fate(rule, outputName, valueColumn, type));
        }
        if (!problems.isEmpty()) {
            throw new PolicyException(table, problems);
        }
        return new TablePlan(schema, table, rows.version(), policy, window, fates, recipes, hashKey.orElse(null));
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

    // A clear cell is the value, except that a PII column is never in clear: free text is scrubbed (by the recipe),
    // anything else gets its treatment if that masks identity, or HASH.
    private static Optional<Treatment> clearTreatment(ColumnRule rule) {
        return rule.isIdentifyingPii() ? Optional.of(piiProtection(rule)) : Optional.empty();
    }

    private static Treatment treatedTreatment(ColumnRule rule) {
        return rule.isIdentifyingPii() ? piiProtection(rule) : rule.hwcTreatment();
    }

    private static Treatment piiProtection(ColumnRule rule) {
        Treatment treatment = rule.hwcTreatment();
        return treatment.kind().masksIdentity() ? treatment : Treatment.HASH;
    }

    private static boolean needsHash(ColumnRule rule, boolean valueColumn) {
        boolean treats = rule.classification() != Classification.NR || valueColumn;
        boolean treatmentNeedsKey = rule.hwcTreatment().kind().needsKey();
        return (rule.isIdentifyingPii() && piiProtection(rule).kind().needsKey()) || (treats && treatmentNeedsKey);
    }

    private static Optional<String> pepperProblem(ColumnRule rule, boolean valueColumn, Optional<HashKey> hashKey) {
        if (hashKey.isEmpty() && needsHash(rule, valueColumn)) {
            return Optional.of("column '" + rule.column() + "' needs HASH, but no hash pepper is configured;"
                    + " set the setting hash.pepper (DATA_EXPORTER_HASH_PEPPER, or spark.dataexporter.hash.pepper on EMR), e.g. to a Secrets"
                    + " Manager ARN");
        }
        return Optional.empty();
    }

    private static Optional<String> typeProblem(ColumnRule rule, DataType type) {
        if (rule.classification() == Classification.NR || rule.treatment().isEmpty()) {
            return Optional.empty();
        }
        Treatment treatment = rule.treatment().get();
        return treatment.kind().typeProblem(type).map(problem -> "treatment " + treatment + " on type " + type.simpleString() + "; " + problem);
    }

    private static String outputName(ColumnRule rule) {
        return rule.expands() ? rule.column().substring(0, rule.column().length() - CompressedTwins.SUFFIX.length()) : rule.column();
    }

    private static ColumnFate fate(ColumnRule rule, String outputName, boolean valueColumn, String type) {
        String pii = rule.piiType().map(p -> p == PiiType.FREE_TEXT ? "pii FREE_TEXT: scrubbed" + (rule.expands() ? " after expansion" : "")
                : "pii " + p + ": " + piiProtection(rule)).orElse("");
        String metric = valueColumn ? "value column: the stricter of its rule and the row's metric rule" : "";
        String detail = switch (rule.classification()) {
            case NR -> pii;
            case HWC -> join(rule.piiType().isPresent() && rule.piiType().get() != PiiType.FREE_TEXT
                    ? piiProtection(rule).toString() : rule.hwcTreatment().toString(), pii);
            case MX -> join("mx: clear for nr sources, " + rule.hwcTreatment() + " for hwc sources, NULL otherwise", pii);
            case DE -> "classified de";
        };
        detail = join(rule.expands() ? "EXPAND_GZIP" : "", join(detail, metric));
        Fate fate = detail.isEmpty() ? Fate.KEPT : Fate.TREATED;
        return new ColumnFate(rule.column(), fate, outputName, detail, type);
    }

    private static String join(String first, String second) {
        if (first.isEmpty()) {
            return second;
        }
        return second.isEmpty() ? first : first + "; " + second;
    }
}
