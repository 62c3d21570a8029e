package io.dataexporter.jobs.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexporter.classification.policy.PolicyException;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunResultTest {

    @Test
    void status_isSuccessPartialOrFailed_byHowManyTablesCompleted() {
        assertThat(run(completed("a"), completed("b")).status()).isEqualTo("SUCCESS");
        assertThat(run(completed("a"), failed("b")).status()).isEqualTo("PARTIAL-SUCCESS");
        assertThat(run(failed("a"), failed("b")).status()).isEqualTo("FAILED");
        assertThat(run(completed("a"), failed("b")).subject()).isEqualTo("Data Exporter prod 2026-10-04: PARTIAL-SUCCESS (1 of 2 tables completed)");
    }

    @Test
    void classify_namesTheCodeByTheCauseChain() {
        assertThat(ExportFailure.classify("t", new RuntimeException("wrapped", new SQLException("connection refused"))).code())
                .isEqualTo(ErrorCode.SOURCE_UNAVAILABLE);
        assertThat(ExportFailure.classify("t", new RuntimeException(new IOException("disk full"))).code()).isEqualTo(ErrorCode.WRITE_FAILED);
        // the spark-redshift connector's wrapper has no SQLState: the missing table under it decides, an outage under it too
        assertThat(ExportFailure.classify("t", new SQLException("Exception thrown in awaitResult", null, new SQLException(
                "ERROR: relation \"pm_internal.t\" does not exist", "42P01"))).code()).isEqualTo(ErrorCode.CONFIG_INVALID);
        assertThat(ExportFailure.classify("t", new SQLException("Exception thrown in awaitResult", null, new SQLException(
                "The connection attempt failed.", "08001"))).code()).isEqualTo(ErrorCode.SOURCE_UNAVAILABLE);
        assertThat(ExportFailure.classify("t", new SQLException("Exception thrown in awaitResult", null, new java.net.SocketTimeoutException(
                "Read timed out"))).code()).isEqualTo(ErrorCode.SOURCE_UNAVAILABLE);
        ExportFailure missing = ExportFailure.classify("t", new RuntimeException(new SQLException("ERROR: relation \"pm_internal.t\" does not exist", "42P01")));
        assertThat(missing.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
        assertThat(missing.code().retryable()).isFalse();
        assertThat(missing.getMessage()).isEqualTo("Cannot export table t: ERROR: relation \"pm_internal.t\" does not exist; its export_tables row names"
                + " a table or column the warehouse lacks: create it there, or set enabled = false in export_tables");
        assertThat(missing.publicMessage()).matches("Cannot export table t: CONFIG_INVALID \\(reference [0-9a-f]{8}; the operators have the details\\)");
        assertThat(ExportFailure.classify("t", new RuntimeException("CREATE NAMESPACE", new org.apache.iceberg.jdbc.UncheckedSQLException(
                new SQLException("duplicate key value violates unique constraint \"iceberg_namespace_properties_pkey\"", "23505"),
                "Failed to execute: %s", "insert"))).code()).isEqualTo(ErrorCode.CATALOG_FAILED);
        // matched by type: a commit conflict, a table the catalog lacks
        assertThat(ExportFailure.classify("t", new RuntimeException(new org.apache.iceberg.exceptions.CommitFailedException("conflict"))).code())
                .isEqualTo(ErrorCode.COMMIT_FAILED);
        assertThat(ExportFailure.classify("t", new org.apache.iceberg.exceptions.NoSuchTableException("no table %s", "t")).code())
                .isEqualTo(ErrorCode.CATALOG_FAILED);
        assertThat(ExportFailure.classify("t", new org.apache.iceberg.exceptions.CommitFailedException("conflict")).code()).isEqualTo(ErrorCode.COMMIT_FAILED);
        assertThat(ExportFailure.classify("t", new IllegalStateException("boom")).getMessage()).isEqualTo("Cannot export table t: boom");
        ExportFailure policy = ExportFailure.classify("t", new PolicyException("t", List.of("Cannot export table pm_internal.t: column 'x' has unknown classification 'zz'")));
        assertThat(policy.code()).isEqualTo(ErrorCode.POLICY_INVALID);
        assertThat(policy.code().retryable()).isFalse();
        assertThat(policy.getMessage()).isEqualTo("Cannot export table pm_internal.t: column 'x' has unknown classification 'zz'");
    }

    @Test
    void notification_carriesEachTablesWithheldCellsAndFindings_andAttentionWhenThereAreAny() throws Exception {
        TableOutcome quiet = completed("a");
        TableOutcome found = new TableOutcome("b", TableOutcome.COMPLETED, 1, Optional.empty(), List.of(), Optional.empty(), List.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), 1, Optional.of(new java.util.LinkedHashMap<>(java.util.Map.of("unknown_source", 3L))),
                List.of(new io.dataexporter.jobs.governance.Finding(io.dataexporter.jobs.governance.FindingKind.UNKNOWN_SOURCE, "WAZE", "3 row(s) ...", "INSERT ...")),
                java.util.Map.of("de_metric", 5L));
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();

        com.fasterxml.jackson.databind.JsonNode calm = json.readTree(RunDocuments.notification(run(quiet)));
        com.fasterxml.jackson.databind.JsonNode alert = json.readTree(RunDocuments.notification(run(quiet, found)));

        assertThat(calm.get("attention").asBoolean()).isFalse();
        assertThat(alert.get("attention").asBoolean()).isTrue();
        assertThat(alert.get("tables").get(1).get("policy_findings").toString())
                .isEqualTo("[{\"kind\":\"unknown_source\",\"subject\":\"WAZE\",\"new\":true,\"detail\":\"3 row(s) ...\",\"fix\":\"INSERT ...\"}]");
        assertThat(alert.get("tables").get(1).get("withheld_cells").toString()).isEqualTo("{\"unknown_source\":3}");
        assertThat(alert.get("tables").get(1).get("filtered_rows").toString()).isEqualTo("{\"de_metric\":5}");
        assertThat(alert.get("tables").get(0).get("filtered_rows").toString()).isEqualTo("{}");
        assertThat(alert.get("tables").get(0).get("withheld_cells").isNull()).isTrue();
        assertThat(json.readTree(RunDocuments.manifest(run(quiet, found))).get("attention").asBoolean()).isTrue();
    }

    @Test
    void history_flagsOnlyFindingsThePreviousRunDidNotReport_andTypeChangesOfExportedColumns() throws Exception {
        io.dataexporter.jobs.governance.Finding waze = new io.dataexporter.jobs.governance.Finding(io.dataexporter.jobs.governance.FindingKind.UNKNOWN_SOURCE, "WAZE", "3 row(s)", "INSERT");
        io.dataexporter.jobs.governance.Finding column = new io.dataexporter.jobs.governance.Finding(io.dataexporter.jobs.governance.FindingKind.COLUMN_WITHOUT_RULE, "note", "c", "INSERT");
        List<io.dataexporter.classification.plan.ColumnFate> yesterday = List.of(
                new io.dataexporter.classification.plan.ColumnFate("lat", io.dataexporter.classification.plan.ColumnFate.Fate.TREATED, "lat", "ROUND(3)",
                        "double"),
                new io.dataexporter.classification.plan.ColumnFate("speed", io.dataexporter.classification.plan.ColumnFate.Fate.KEPT, "speed", "", "int"),
                io.dataexporter.classification.plan.ColumnFate.withheld("note", "no classification rule", "int"));
        String previous = RunDocuments.manifest(run(outcome("b", yesterday, List.of(waze))));
        List<io.dataexporter.classification.plan.ColumnFate> today = List.of(
                new io.dataexporter.classification.plan.ColumnFate("lat", io.dataexporter.classification.plan.ColumnFate.Fate.TREATED, "lat", "ROUND(3)",
                        "decimal(9,6)"),
                new io.dataexporter.classification.plan.ColumnFate("speed", io.dataexporter.classification.plan.ColumnFate.Fate.KEPT, "speed", "", "int"),
                io.dataexporter.classification.plan.ColumnFate.withheld("note", "no classification rule", "string"));
        FindingsHistory history = FindingsHistory.of(LocalDate.of(2026, 10, 3), Optional.of(previous));

        TableOutcome reported = history.withTypeChanges(outcome("b", today, List.of(waze, column)));

        // a withheld column's type is nobody's concern; an exported one's change is, with the day it was seen before
        assertThat(reported.findings()).hasSize(3);
        assertThat(reported.findings().get(2)).isEqualTo(new io.dataexporter.jobs.governance.Finding(io.dataexporter.jobs.governance.FindingKind.TYPE_CHANGED, "lat",
                "column lat was of type double on 2026-10-03 and is of type decimal(9,6) now; it is exported with: ROUND(3)",
                "check that its rule still fits the new type: SELECT * FROM de_config.data_column_classification WHERE table_name = 'b'"
                        + " AND column_name = 'lat';"));
        RunResult run = new RunResult("run-2", "prod", new ExportDay(LocalDate.of(2026, 10, 4)), Instant.EPOCH, Instant.EPOCH, List.of(reported),
                List.of(), history);
        com.fasterxml.jackson.databind.JsonNode manifest = new com.fasterxml.jackson.databind.ObjectMapper().readTree(RunDocuments.manifest(run));
        assertThat(manifest.get("attention").asBoolean()).isTrue();
        assertThat(manifest.get("findings").asLong()).isEqualTo(3);
        assertThat(manifest.get("new_findings").asLong()).isEqualTo(2);
        assertThat(manifest.get("findings_compared_with").asText()).isEqualTo("2026-10-03");
        assertThat(manifest.get("tables").get("b").get("policy_findings").findValuesAsText("new")).containsExactly("false", "true", "true");
        assertThat(manifest.get("tables").get("b").get("columns").findValuesAsText("type")).containsExactly("decimal(9,6)", "int", "string");

        // the same findings the next day: listed, not flagged
        FindingsHistory next = FindingsHistory.of(LocalDate.of(2026, 10, 4), Optional.of(RunDocuments.manifest(run)));
        RunResult again = new RunResult("run-3", "prod", new ExportDay(LocalDate.of(2026, 10, 5)), Instant.EPOCH, Instant.EPOCH,
                List.of(next.withTypeChanges(outcome("b", today, List.of(waze, column)))), List.of(), next);
        assertThat(again.tables().get(0).findings()).containsExactly(waze, column);
        assertThat(again.attention()).isFalse();
        com.fasterxml.jackson.databind.JsonNode quiet = new com.fasterxml.jackson.databind.ObjectMapper().readTree(RunDocuments.notification(again));
        assertThat(quiet.get("attention").asBoolean()).isFalse();
        assertThat(quiet.get("findings").asLong()).isEqualTo(2);
        assertThat(quiet.get("new_findings").asLong()).isZero();

        // no manifest, or one that is not a manifest: every finding is new
        assertThat(FindingsHistory.of(LocalDate.of(2026, 10, 3), Optional.of("{not json")).isNew("b", waze)).isTrue();
        assertThat(FindingsHistory.of(LocalDate.of(2026, 10, 3), Optional.empty()).previousDay()).isEmpty();
        java.io.StringWriter summary = new java.io.StringWriter();
        RunSummary.print(new java.io.PrintWriter(summary), run);
        assertThat(summary.toString()).contains("attention: b: unknown_source: 3 row(s)\n", "attention: new: b: column_without_rule: c\n",
                "attention: new: b: type_changed: column lat was of type double");
    }

    private static TableOutcome outcome(String table, List<io.dataexporter.classification.plan.ColumnFate> fates,
                                        List<io.dataexporter.jobs.governance.Finding> findings) {
        return new TableOutcome(table, TableOutcome.COMPLETED, 1, Optional.empty(), List.of(), Optional.of("v1"), fates, Optional.empty(),
                Optional.empty(), Optional.empty(), 1, Optional.empty(), findings, java.util.Map.of());
    }

    private static RunResult run(TableOutcome... tables) {
        return new RunResult("run-1", "prod", new ExportDay(LocalDate.of(2026, 10, 4)), Instant.EPOCH, Instant.EPOCH, List.of(tables));
    }

    private static TableOutcome completed(String table) {
        return new TableOutcome(table, TableOutcome.COMPLETED, 1, Optional.empty(), List.of(), Optional.empty(), List.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), 1, Optional.empty(), List.of(), java.util.Map.of());
    }

    private static TableOutcome failed(String table) {
        return TableOutcome.failed(table, 3, new ExportFailure(ErrorCode.SOURCE_UNAVAILABLE, "down", null), 1);
    }
}
