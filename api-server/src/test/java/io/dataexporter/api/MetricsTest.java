package io.dataexporter.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void prometheusText_whenAGaugeCannotBeRead_showsNaNAndTheRest() {
        Metrics metrics = new Metrics();
        metrics.increment("data_exporter_api_requests_total{operation=\"requestData\"}");
        metrics.gauge("data_exporter_api_exports_running", () -> {
            throw new IllegalStateException("Cannot read de_internal.request_table: Connection refused");
        });
        metrics.gauge("data_exporter_api_exports_queued", () -> 3);

        assertThat(metrics.prometheusText()).isEqualTo("# TYPE data_exporter_api_requests_total counter\n"
                + "data_exporter_api_requests_total{operation=\"requestData\"} 1\n"
                + "# TYPE data_exporter_api_exports_queued gauge\ndata_exporter_api_exports_queued 3\n"
                + "# TYPE data_exporter_api_exports_running gauge\ndata_exporter_api_exports_running NaN\n");
    }
}
