package io.dataexporter.jobs.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexporter.classification.plan.ColumnFate;
import io.dataexporter.jobs.iceberg.DataFileEntry;

/** The JSON documents of a run: the day's {@code _manifest.json} and the notification message. */
public final class RunDocuments {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunDocuments() {
    }

    /**
     * {@code _manifest.json}: per table the files, rows, bytes, policy version, every column's fate and the withheld
     * columns, plus the run status.
     */
    public static String manifest(RunResult run) {
        ObjectNode root = header(run);
        root.put("window_start", run.day().window().start().toString());
        root.put("window_end", run.day().window().end().toString());
        ObjectNode tables = root.putObject("tables");
        for (TableOutcome table : run.tables()) {
            ObjectNode node = tableNode(tables.putObject(table.table()), table, run.history());
            table.icebergTable().ifPresent(name -> node.put("iceberg_table", name));
            columnFates(node.putArray("columns"), table.columnFates());
            ArrayNode files = node.putArray("files");
            for (DataFileEntry file : table.files()) {
                files.addObject().put("path", file.path()).put("rows", file.rows()).put("bytes", file.bytes());
            }
        }
        return write(root);
    }

    /** The notification: status, date and per table its status, rows, attempts, error and withheld columns. */
    public static String notification(RunResult run) {
        ObjectNode root = header(run);
        root.put("subject", run.subject());
        ArrayNode tables = root.putArray("tables");
        run.tables().forEach(table -> tableNode(tables.addObject().put("table", table.table()), table, run.history()));
        return write(root);
    }

    private static ObjectNode header(RunResult run) {
        ObjectNode root = JSON.createObjectNode();
        root.put("status", run.status());
        root.put("date", run.day().toString());
        root.put("env", run.env());
        root.put("run_id", run.runId());
        root.put("started_at", run.startedAt().toString());
        root.put("finished_at", run.finishedAt().toString());
        // a run whose policy is out of date (drift) or lets PII through (content) asks for a person: alerting matches this
        // when a finding is new since the previous day's run (one that stays is listed every day, flagged once)
        root.put("attention", run.attention());
        root.put("findings", run.tables().stream().mapToLong(table -> table.findings().size()).sum());
        root.put("new_findings", run.newFindings());
        root.put("findings_compared_with", run.history().previousDay().map(Object::toString).orElse(null));
        // the statuses the control database could not take: SNS and the manifest do not need it, so they say what it lacks
        ObjectNode control = root.putObject("control_database");
        control.put("status", run.unrecordedTables().isEmpty() ? "ok" : "unreachable");
        if (!run.unrecordedTables().isEmpty()) {
            ArrayNode unrecorded = control.putArray("tables_without_final_status");
            run.unrecordedTables().forEach(unrecorded::add);
        }
        return root;
    }

    private static ObjectNode tableNode(ObjectNode node, TableOutcome table, FindingsHistory history) {
        node.put("status", table.status());
        node.put("rows", table.rows());
        node.put("bytes", table.bytes());
        node.put("files_count", table.files().size());
        node.put("attempts", table.attempts());
        node.put("duration_ms", table.durationMs());
        table.policyVersion().ifPresent(version -> node.put("policy_version", version));
        table.errorCode().ifPresent(code -> node.put("error_code", code.name()));
        node.put("error", table.error().orElse(null));
        if (table.withheldCells().isPresent()) {
            ObjectNode cells = node.putObject("withheld_cells");
            table.withheldCells().get().forEach(cells::put);
        } else {
            node.putNull("withheld_cells");
        }
        ObjectNode filtered = node.putObject("filtered_rows");
        table.filteredRows().forEach(filtered::put);
        ArrayNode findings = node.putArray("policy_findings");
        for (io.dataexporter.jobs.governance.Finding finding : table.findings()) {
            findings.addObject().put("kind", finding.kind().code()).put("subject", finding.subject()).put("new", history.isNew(table.table(), finding))
                    .put("detail", finding.detail()).put("fix", finding.fix());
        }
        ArrayNode withheld = node.putArray("withheld_columns");
        for (ColumnFate fate : table.withheldColumns()) {
            withheld.addObject().put("column", fate.column()).put("reason", fate.detail());
        }
        return node;
    }

    /** Each column's fate: kept, treated (how) or withheld (why), and its output name. */
    public static void columnFates(ArrayNode columns, java.util.List<ColumnFate> fates) {
        for (ColumnFate fate : fates) {
            columns.addObject().put("column", fate.column()).put("fate", fate.fate().name().toLowerCase(java.util.Locale.ROOT))
                    .put("output", fate.output().isEmpty() ? null : fate.output()).put("detail", fate.detail())
                    .put("type", fate.type().isEmpty() ? null : fate.type());
        }
    }

    private static String write(ObjectNode root) {
        try {
            return JSON.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Cannot render the run document: " + e.getMessage(), e);
        }
    }
}
