package io.dataexporter.jobs.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogNotifierTest {

    @Test
    void atATerminal_logsTheSubjectAndWhereTheJsonIs_otherwiseTheWholeDocument() {
        List<String> terminal = new ArrayList<>();
        List<String> pipe = new ArrayList<>();

        new LogNotifier(false, terminal::add).send("Data Exporter 2026-10-04: SUCCESS", "{\"status\":\"SUCCESS\"}");
        new LogNotifier(true, pipe::add).send("Data Exporter 2026-10-04: SUCCESS", "{\"status\":\"SUCCESS\"}");

        assertThat(terminal).containsExactly("Data Exporter 2026-10-04: SUCCESS (the notification's JSON: run with --verbose to print it here,"
                + " or set notifier.kind to webhook or sns)");
        assertThat(pipe).containsExactly("Data Exporter 2026-10-04: SUCCESS\n{\"status\":\"SUCCESS\"}");
    }
}
