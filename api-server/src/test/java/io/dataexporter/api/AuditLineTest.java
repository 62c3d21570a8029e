package io.dataexporter.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexporter.api.audit.AuditTrail;
import io.dataexporter.api.audit.LogAuditTrail;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class AuditLineTest {

    @Test
    void line_escapesTheSeparatorsThatLogCollectorsSplitOn_andStaysOneJsonLine() throws Exception {
        String line = LogAuditTrail.line(new AuditTrail.Entry("client\u2028two", "requestStatus", OptionalLong.empty(), OptionalLong.empty(), Optional.empty(),
                "refused: a\u2029b\u0085c"), Clock.fixed(Instant.parse("2026-10-06T00:00:00Z"), ZoneOffset.UTC));

        assertThat(line).isEqualTo("{\"time\":\"2026-10-06T00:00:00Z\",\"event\":\"audit\",\"client\":\"client\\u2028two\",\"operation\":\"requestStatus\","
                + "\"outcome\":\"refused: a\\u2029b\\u0085c\"}");
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(line).get("client").asText()).isEqualTo("client\u2028two");
    }
}
