package io.dataexporter.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void prometheusText_whenAGaugeCannotBeRead_showsNaNAndTheRest() {
        Metrics metrics = new Metrics();
        metrics.increment("data_exporter_api_requests_total", "operation", "requestData");
        metrics.increment("data_exporter_api_requests_total", "operation", "requestData");
        metrics.increment("data_exporter_api_unauthorized_total");
        metrics.gauge("data_exporter_api_exports_running", () -> {
            throw new IllegalStateException("Cannot read de_internal.request_table: Connection refused");
        });
        metrics.gauge("data_exporter_api_exports_queued", () -> 3);

        // the client's text format: families in name order, values as floating point, label values escaped
        assertThat(metrics.prometheusText()).isEqualTo("# TYPE data_exporter_api_exports_queued gauge\ndata_exporter_api_exports_queued 3.0\n"
                + "# TYPE data_exporter_api_exports_running gauge\ndata_exporter_api_exports_running NaN\n"
                + "# TYPE data_exporter_api_requests_total counter\ndata_exporter_api_requests_total{operation=\"requestData\"} 2.0\n"
                + "# TYPE data_exporter_api_unauthorized_total counter\ndata_exporter_api_unauthorized_total 1.0\n");
        assertThat(metrics.count("data_exporter_api_requests_total", "operation", "requestData")).isEqualTo(2);
        assertThat(metrics.count("data_exporter_api_unauthorized_total")).isEqualTo(1);
        assertThat(metrics.count("data_exporter_api_slow_heads_total")).isZero();
    }
}
