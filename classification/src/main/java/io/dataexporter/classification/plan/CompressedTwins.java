package io.dataexporter.classification.plan;

import static io.dataexporter.classification.policy.PolicyRows.normalizeName;

import io.dataexporter.classification.policy.Classification;
import io.dataexporter.classification.policy.PolicyRows.ColumnRuleRow;
import io.dataexporter.classification.policy.PolicyRows.ExportTableRow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One rule per content. A {@code *_compressed} column holds the content of the column without the suffix (its twin), so
 * its cells get exactly the twin's cell rule (classification, by source, by metric, treatment, pii_type, scrubbing),
 * built by the same code that builds any column. The compressed column's own row says only whether its content leaves
 * ({@code de} keeps it in) and in which form: {@code EXPAND_GZIP} expanded under the twin's name, no treatment as the
 * compressed text, which is allowed only while the twin's rule lets every cell out as it is.
 *
 * <p>A compressed column whose own row contradicts its twin's is withheld, and the contradiction is reported as a
 * {@code twin_conflict} finding; the rest of the table is exported.
 */
final class CompressedTwins {

    static final String SUFFIX = "_compressed";

    /** The rules after the twins are resolved, and the reason each conflicting compressed column is withheld. */
    record Resolved(Map<String, ColumnRule> rules, Map<String, String> conflicts) {
    }

    private CompressedTwins() {
    }

    static boolean isCompressed(String normalizedName) {
        return normalizedName.endsWith(SUFFIX) && normalizedName.length() > SUFFIX.length();
    }

    /**
     * Replaces each compressed column's rule by its content's rule, or withholds the column for a conflict.
     *
     * @param rules    the validated rule of each column of the table, by the warehouse's spelling
     * @param byColumn every data_column_classification row of the table, by normalised column name
     * @param fields   the table's columns, the warehouse's spelling by normalised name
     */
    static Resolved resolve(Map<String, ColumnRule> rules, Map<String, List<ColumnRuleRow>> byColumn, ExportTableRow table,
                            Map<String, String> fields, String prefix, List<String> problems) {
        Map<String, ColumnRule> resolved = new LinkedHashMap<>();
        Map<String, String> conflicts = new LinkedHashMap<>();
        rules.forEach((field, rule) -> {
            String normalized = normalizeName(field);
            if (!isCompressed(normalized) || rule.classification() == Classification.DE) {
                resolved.put(field, rule);
                return;
            }
            String twin = normalized.substring(0, normalized.length() - SUFFIX.length());
            List<ColumnRuleRow> twinRows = byColumn.getOrDefault(twin, List.of());
            if (twinRows.size() > 1) {
                return; // the twin's duplicate rows fail the table already
            }
            Optional<ColumnRule> content = twinRows.isEmpty() ? Optional.empty()
                    : fields.containsKey(twin) ? Optional.ofNullable(rules.get(fields.get(twin)))
                    : TablePolicy.columnRule(twinRows.get(0), twinRows.get(0).columnName().strip(), table, prefix, problems);
            if (!twinRows.isEmpty() && content.isEmpty()) {
                return; // the twin's own row is invalid, which fails the table already
            }
            ColumnRuleRow own = byColumn.get(normalized).get(0);
            Optional<String> conflict = conflict(field, own, rule, twin, twinRows.isEmpty() ? null : twinRows.get(0), content, table, fields);
            if (conflict.isPresent()) {
                conflicts.put(field, conflict.get());
                return;
            }
            ColumnRule of = content.orElseThrow();
            resolved.put(field, new ColumnRule(field, of.classification(), of.treatment(), of.piiType(), Optional.of(of.column()), expands(rule)));
        });
        return new Resolved(resolved, conflicts);
    }

    /** Whether a compressed column's own rule asks for it to be exported expanded. */
    static boolean expands(ColumnRule own) {
        return own.treatment().map(t -> t.is("EXPAND_GZIP")).orElse(false);
    }

    private static Optional<String> conflict(String field, ColumnRuleRow own, ColumnRule rule, String twin, ColumnRuleRow twinRow,
                                             Optional<ColumnRule> content, ExportTableRow table, Map<String, String> fields) {
        String withhold = "classify '" + field + "' de";
        String ownRow = "its own " + own.describe();
        if (rule.treatment().isPresent() && !expands(rule)) {
            return Optional.of(ownRow + " treats the compressed text with " + rule.treatment().get() + ", but its content gets the rule of '" + twin
                    + "' after expansion; set its treatment to EXPAND_GZIP, or " + withhold);
        }
        if (twinRow == null) {
            return Optional.of("'" + twin + "' has no rule in data_column_classification, so its content has none (" + ownRow + "); add a rule for '"
                    + twin + "', or " + withhold);
        }
        ColumnRule of = content.orElseThrow();
        String twinRule = twinRow.describe();
        if (of.classification() == Classification.DE) {
            return Optional.of("'" + twin + "' is classified de (" + twinRule + "), so its content stays in the warehouse, while " + ownRow
                    + " exports it; " + withhold);
        }
        if (of.treatment().map(t -> t.is("EXPAND_GZIP")).orElse(false)) {
            return Optional.of("'" + twin + "' is given EXPAND_GZIP (" + twinRule + "), which only a *_compressed column may be; give '" + twin
                    + "' the rule its content needs");
        }
        if (rule.piiType().isPresent() && !rule.piiType().equals(of.piiType())) {
            return Optional.of(ownRow + " gives pii_type " + rule.piiType().get().name() + ", and '" + twin + "' " + of.piiType().map(p -> "gives "
                    + p.name()).orElse("none") + " (" + twinRule + "); the content's pii_type is its twin's: set it on '" + twin + "' only");
        }
        boolean twinIsColumn = fields.containsKey(twin);
        if (expands(rule) && twinIsColumn) {
            return Optional.of("'" + fields.get(twin) + "' is a column of the table too, exported under that name, and expanded '" + field
                    + "' would be exported under the same name; " + withhold + " or classify '" + fields.get(twin) + "' de");
        }
        boolean valueColumn = table.valueColumnList().contains(field) || (twinIsColumn && table.valueColumnList().contains(fields.get(twin)));
        boolean asItIs = of.classification() == Classification.NR && of.piiType().isEmpty() && !valueColumn;
        if (!expands(rule) && !asItIs) {
            return Optional.of(ownRow + " exports it compressed, but the rule of '" + twin + "' (" + twinRule + ")"
                    + (valueColumn ? " and the metric rule of a value column apply" : " applies") + " to the text, which only expansion lets the"
                    + " export see; set its treatment to EXPAND_GZIP, or " + withhold);
        }
        return Optional.empty();
    }
}
