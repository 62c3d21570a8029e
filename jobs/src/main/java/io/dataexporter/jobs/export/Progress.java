package io.dataexporter.jobs.export;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.PrintStream;
import java.time.Clock;

/**
 * Per-table progress of a run: a readable line per event on a terminal, one JSON object per line otherwise (for log
 * collectors on EMR).
 */
public final class Progress {

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
        emit(day, table, "IN-PROGRESS", "attempt " + attempt, "\"attempt\":" + attempt);
    }

    public void retrying(ExportDay day, String table, int attempt, ExportFailure failure, long backoffMs) {
        emit(day, table, "RETRYING", "attempt " + attempt + " failed: " + failure.operatorMessage() + "; retrying in " + backoffMs + " ms",
                "\"attempt\":" + attempt + ",\"error_code\":\"" + failure.code() + "\",\"backoff_ms\":" + backoffMs);
    }

    public void finished(ExportDay day, TableOutcome outcome) {
        String detail = outcome.completed()
                ? String.format("%,d rows, %d files, %,d bytes, %.1f s", outcome.rows(), outcome.files().size(), outcome.bytes(), outcome.durationMs() / 1000.0)
                : outcome.errorCode().orElseThrow() + " after " + outcome.attempts() + " attempts: " + outcome.errorDetail().orElse("");
        String error = outcome.errorDetail().map(text -> ",\"error_code\":\"" + outcome.errorCode().orElseThrow() + "\",\"error\":\""
                + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"").orElse("");
        emit(day, outcome.table(), outcome.status(), detail, "\"rows\":" + outcome.rows() + ",\"files\":" + outcome.files().size()
                + ",\"bytes\":" + outcome.bytes() + ",\"attempts\":" + outcome.attempts() + ",\"duration_ms\":" + outcome.durationMs() + error);
    }

    /** A run-level event that is not a table's status, such as a control-database write that did not go through. */
    public synchronized void note(String text) {
        if (json) {
            out.println("{\"time\":\"" + clock.instant() + "\",\"event\":\"note\",\"message\":\""
                    + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"}");
        } else {
            out.println(text);
        }
        out.flush();
    }

    private synchronized void emit(ExportDay day, String table, String status, String text, String fields) {
        if (json) {
            out.println("{\"time\":\"" + clock.instant() + "\",\"date\":\"" + day + "\",\"table\":\"" + table + "\",\"status\":\"" + status + "\","
                    + fields + "}");
        } else {
            out.printf("%s  %-32s %-12s %s%n", day, table, status, text);
        }
        out.flush();
    }
}
