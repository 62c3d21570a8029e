package io.dataexporter.jobs.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * Per-table progress of a run: a readable line per event on a terminal, one JSON object per line otherwise (for log
 * collectors on EMR).
 */
public final class Progress {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;
    private final boolean json;
    private final Clock clock;

    public Progress(PrintStream out, boolean json, Clock clock) {
        this.out = out;
        this.json = json;
        this.clock = clock;
    }

    /** Lines on a terminal, JSON when the output is redirected. */
    public static Progress forConsole(PrintStream out) {
        return new Progress(out, System.console() == null, Clock.systemUTC());
    }

    public void started(ExportDay day, String table, int attempt) {
        emit(day, table, "IN-PROGRESS", "attempt " + attempt, fields -> fields.put("attempt", attempt));
    }

    public void retrying(ExportDay day, String table, int attempt, ExportFailure failure, long backoffMs) {
        emit(day, table, "RETRYING", "attempt " + attempt + " failed: " + failure.operatorMessage() + "; retrying in " + backoffMs + " ms",
                fields -> fields.put("attempt", attempt).put("error_code", failure.code().name()).put("backoff_ms", backoffMs));
    }

    public void finished(ExportDay day, TableOutcome outcome) {
        String detail = outcome.completed()
                ? String.format("%,d rows, %d files, %,d bytes, %.1f s", outcome.rows(), outcome.files().size(), outcome.bytes(), outcome.durationMs() / 1000.0)
                : outcome.errorCode().orElseThrow() + " after " + outcome.attempts() + " attempts: " + outcome.errorDetail().orElse("");
        emit(day, outcome.table(), outcome.status(), detail, fields -> {
            fields.put("rows", outcome.rows()).put("files", outcome.files().size()).put("bytes", outcome.bytes()).put("attempts", outcome.attempts())
                    .put("duration_ms", outcome.durationMs());
            outcome.errorDetail().ifPresent(text -> fields.put("error_code", String.valueOf(outcome.errorCode().orElseThrow())).put("error", text));
        });
    }

    /** A run-level event that is not a table's status, such as a control-database write that did not go through. */
    public synchronized void note(String text) {
        if (json) {
            out.println(JSON.createObjectNode().put("time", clock.instant().toString()).put("event", "note").put("message", text));
        } else {
            out.println(text);
        }
        out.flush();
    }

    private synchronized void emit(ExportDay day, String table, String status, String text, Consumer<ObjectNode> fields) {
        if (json) {
            ObjectNode line = JSON.createObjectNode().put("time", clock.instant().toString()).put("date", day.toString()).put("table", table)
                    .put("status", status);
            fields.accept(line);
            out.println(line);
        } else {
            out.printf("%s  %-32s %-12s %s%n", day, table, status, text);
        }
        out.flush();
    }
}
