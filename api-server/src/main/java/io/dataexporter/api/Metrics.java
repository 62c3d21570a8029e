package io.dataexporter.api;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The server's counters and gauges, kept by the Prometheus Java client in a registry of this server's own (not the
 * client's global one, so two servers in one JVM, as in the tests, count apart) and written in its text format.
 * A counter is named by its family ({@code data_exporter_api_requests_total}); a labelled one also by its label's name
 * and value, which the client escapes.
 */
public final class Metrics {

    /** What {@code /metrics} answers with. */
    public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    private static final PrometheusTextFormatWriter TEXT = PrometheusTextFormatWriter.builder().setIncludeCreatedTimestamps(false).build();

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public void increment(String family) {
        counter(family, List.of()).inc();
    }

    /** Increments the counter of {@code family} whose label {@code label} is {@code value}, e.g. {@code operation="requestData"}. */
    public void increment(String family, String label, String value) {
        counter(family, List.of(label)).labelValues(value).inc();
    }

    public long count(String family) {
        Counter counter = counters.get(family);
        return counter == null ? 0 : (long) counter.get();
    }

    /** Read from a snapshot, so asking never adds a series to what {@code /metrics} shows. */
    public long count(String family, String label, String value) {
        Counter counter = counters.get(family);
        return counter == null ? 0 : counter.collect().getDataPoints().stream().filter(point -> value.equals(point.getLabels().get(label)))
                .mapToLong(point -> (long) point.getValue()).sum();
    }

    /** A gauge read at each scrape; one that cannot be read (the control database is down) shows NaN, and the other metrics still answer. */
    public void gauge(String name, LongSupplier value) {
        GaugeWithCallback.builder().name(name).callback(callback -> {
            double read;
            try {
                read = value.getAsLong();
            } catch (RuntimeException e) {
                read = Double.NaN;
            }
            callback.call(read);
        }).register(registry);
    }

    public String prometheusText() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            TEXT.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private Counter counter(String family, List<String> labels) {
        return counters.computeIfAbsent(family, name -> Counter.builder().name(name).labelNames(labels.toArray(String[]::new)).register(registry));
    }
}
