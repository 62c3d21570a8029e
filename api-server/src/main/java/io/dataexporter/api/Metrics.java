package io.dataexporter.api;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/** Counters and gauges in the Prometheus text format. */
public final class Metrics {

    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
    private final Map<String, LongSupplier> gauges = new ConcurrentHashMap<>();

    /** @param name a metric name with optional labels, e.g. {@code data_exporter_api_requests_total{operation="requestData"}} */
    public void increment(String name) {
        counters.computeIfAbsent(name, key -> new LongAdder()).increment();
    }

    public long count(String name) {
        LongAdder adder = counters.get(name);
        return adder == null ? 0 : adder.sum();
    }

    public void gauge(String name, LongSupplier value) {
        gauges.put(name, value);
    }

    public String prometheusText() {
        StringBuilder text = new StringBuilder();
        Map<String, Long> sortedCounters = new TreeMap<>();
        counters.forEach((name, value) -> sortedCounters.put(name, value.sum()));
        String lastFamily = "";
        for (Map.Entry<String, Long> counter : sortedCounters.entrySet()) {
            String family = counter.getKey().replaceAll("\\{.*", "");
            if (!family.equals(lastFamily)) {
                text.append("# TYPE ").append(family).append(" counter\n");
                lastFamily = family;
            }
            text.append(counter.getKey()).append(' ').append(counter.getValue()).append('\n');
        }
        new TreeMap<>(gauges).forEach((name, value) -> text.append("# TYPE ").append(name).append(" gauge\n")
                .append(name).append(' ').append(gaugeValue(value)).append('\n'));
        return text.toString();
    }

    // A gauge that cannot be read (the control database is down) shows NaN; the other metrics still answer.
    private static String gaugeValue(LongSupplier value) {
        try {
            return String.valueOf(value.getAsLong());
        } catch (RuntimeException e) {
            return "NaN";
        }
    }
}
