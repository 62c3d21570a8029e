package io.dataexporter.jobs.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataexporter.classification.plan.ColumnFate;
import io.dataexporter.jobs.governance.Finding;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the previous day's run reported, read from its {@code _manifest.json}: its findings, so that a run raises
 * {@code attention} only for findings that are new, and the types of the columns it exported, so that a column whose
 * warehouse type changed since is a finding ({@code type_changed}). Without a readable previous manifest every finding
 * is new (alerting errs toward telling).
 */
public final class FindingsHistory {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<LocalDate> previousDay;
    private final Set<String> findings;
    private final Map<String, Map<String, String>> exportedTypes;

    private FindingsHistory(Optional<LocalDate> previousDay, Set<String> findings, Map<String, Map<String, String>> exportedTypes) {
        this.previousDay = previousDay;
        this.findings = findings;
        this.exportedTypes = exportedTypes;
    }

    /** No previous run: every finding is new. */
    public static FindingsHistory none() {
        return new FindingsHistory(Optional.empty(), Set.of(), Map.of());
    }

    /** The history in the manifest of {@code day}; a manifest that is missing or not a run's manifest gives {@link #none()}. */
    public static FindingsHistory of(LocalDate day, Optional<String> manifest) {
        if (manifest.isEmpty()) {
            return none();
        }
        JsonNode root;
        try {
            root = JSON.readTree(manifest.get());
        } catch (java.io.IOException e) {
            return none();
        }
        JsonNode tables = root.path("tables");
        if (!tables.isObject()) {
            return none();
        }
        Set<String> findings = new HashSet<>();
        Map<String, Map<String, String>> types = new HashMap<>();
        tables.fields().forEachRemaining(entry -> {
            String table = entry.getKey();
            for (JsonNode finding : entry.getValue().path("policy_findings")) {
                findings.add(key(table, finding.path("kind").asText(), finding.path("subject").asText()));
            }
            for (JsonNode column : entry.getValue().path("columns")) {
                String type = column.path("type").asText("");
                if (!column.path("fate").asText().equals("withheld") && !type.isEmpty()) {
                    types.computeIfAbsent(table, name -> new HashMap<>()).put(column.path("column").asText(), type);
                }
            }
        });
        return new FindingsHistory(Optional.of(day), Set.copyOf(findings), types);
    }

    /** The day whose run this history is, if there was one. */
    public Optional<LocalDate> previousDay() {
        return previousDay;
    }

    /** Whether the previous run did not report this finding of {@code table}. */
    public boolean isNew(String table, Finding finding) {
        return !findings.contains(key(table, finding.kind().code(), finding.subject()));
    }

    /**
     * The outcome with a {@code type_changed} finding for each column it exports (kept or treated) whose warehouse type
     * differs from the type the previous run exported it with. A column withheld because its treatment no longer fits
     * its type already has its finding ({@code type_misfit}).
     */
    public TableOutcome withTypeChanges(TableOutcome outcome) {
        Map<String, String> before = exportedTypes.getOrDefault(outcome.table(), Map.of());
        List<Finding> added = new ArrayList<>();
        for (ColumnFate fate : outcome.columnFates()) {
            String was = before.get(fate.column());
            if (fate.isWithheld() || fate.type().isEmpty() || was == null || was.equals(fate.type())) {
                continue;
            }
            String how = fate.detail().isEmpty() ? "it is exported as is" : "it is exported with: " + fate.detail();
            added.add(new Finding(io.dataexporter.jobs.governance.FindingKind.TYPE_CHANGED, fate.column(), "column " + fate.column() + " was of type " + was + " on " + previousDay.orElseThrow()
                    + " and is of type " + fate.type() + " now; " + how, "check that its rule still fits the new type: SELECT * FROM"
                    + " de_config.data_column_classification WHERE table_name = '" + outcome.table().replace("'", "''") + "' AND column_name = '"
                    + fate.column().replace("'", "''") + "';"));
        }
        if (added.isEmpty()) {
            return outcome;
        }
        List<Finding> findings = new ArrayList<>(outcome.findings());
        findings.addAll(added);
        return new TableOutcome(outcome.table(), outcome.status(), outcome.attempts(), outcome.icebergTable(), outcome.files(), outcome.policyVersion(),
                outcome.columnFates(), outcome.errorCode(), outcome.error(), outcome.errorDetail(), outcome.durationMs(), outcome.withheldCells(), findings,
                outcome.filteredRows());
    }

    private static String key(String table, String kind, String subject) {
        return table + '\u0000' + kind + '\u0000' + subject;
    }
}
