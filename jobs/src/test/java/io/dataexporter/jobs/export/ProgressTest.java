package io.dataexporter.jobs.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The progress lines a log collector reads off a terminal: one JSON object per event, every text escaped by Jackson. */
class ProgressTest {

    @Test
    void offATerminal_eachEventIsOneJsonLine_withItsFields_andTextEscaped() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress progress = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), true,
                Clock.fixed(Instant.parse("2026-12-07T01:00:00Z"), ZoneOffset.UTC));
        ExportDay day = new ExportDay(LocalDate.of(2026, 12, 6));
        ExportFailure failure = new ExportFailure(ErrorCode.SOURCE_UNAVAILABLE, "warehouse said \"no\"\nthen closed", null);

        progress.started(day, "way_speed", 1);
        progress.retrying(day, "way_speed", 1, failure, 2000);
        progress.finished(day, TableOutcome.failed("way_speed", 3, failure, 1234));
        progress.note("control write \\ late");

        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "{\"time\":\"2026-12-07T01:00:00Z\",\"date\":\"2026-12-06\",\"table\":\"way_speed\",\"status\":\"IN-PROGRESS\",\"attempt\":1}",
                "{\"time\":\"2026-12-07T01:00:00Z\",\"date\":\"2026-12-06\",\"table\":\"way_speed\",\"status\":\"RETRYING\",\"attempt\":1,"
                        + "\"error_code\":\"SOURCE_UNAVAILABLE\",\"backoff_ms\":2000}",
                "{\"time\":\"2026-12-07T01:00:00Z\",\"date\":\"2026-12-06\",\"table\":\"way_speed\",\"status\":\"FAILED\",\"rows\":0,\"files\":0,"
                        + "\"bytes\":0,\"attempts\":3,\"duration_ms\":1234,\"error_code\":\"SOURCE_UNAVAILABLE\",\"error\":\""
                        + failure.operatorMessage().replace("\"", "\\\"").replace("\n", "\\n") + "\"}",
                "{\"time\":\"2026-12-07T01:00:00Z\",\"event\":\"note\",\"message\":\"control write \\\\ late\"}");
    }
}
