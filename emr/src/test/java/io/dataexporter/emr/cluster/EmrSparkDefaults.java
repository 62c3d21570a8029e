package io.dataexporter.emr.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code spark-defaults.conf} an EMR node gets from {@code emr/cluster/configurations.json}: its {@code spark-defaults}
 * classification, with the file's placeholders (buckets, hosts, secret ARNs) replaced by what stands for them on this
 * machine. Nothing of the product is added; the only additions are where AWS is (endpoints that the SDKs find by
 * themselves on AWS) and what EMR itself writes into every cluster's spark-defaults (the master, and EMRFS for
 * {@code s3://}). Every replaced key must be in the file and no added key may be, so the file cannot drift unseen.
 */
public final class EmrSparkDefaults {

    private final Map<String, String> properties;

    private EmrSparkDefaults(Map<String, String> properties) {
        this.properties = properties;
    }

    /**
     * @param replaced keys of the file whose placeholder values stand for resources of this machine
     * @param added    endpoints and what EMR adds by itself; none may be in the file
     */
    public static EmrSparkDefaults from(JsonNode configurations, Map<String, String> replaced, Map<String, String> added) {
        Map<String, String> properties = new TreeMap<>(classification(configurations, "spark-defaults"));
        if (!"true".equals(classification(configurations, "iceberg-defaults").get("iceberg.enabled"))) {
            throw new IllegalStateException("configurations.json no longer enables EMR's Iceberg (iceberg-defaults iceberg.enabled=true):"
                    + " the jobs jar has no Iceberg of its own");
        }
        List<String> missing = new ArrayList<>(replaced.keySet().stream().filter(key -> !properties.containsKey(key)).toList());
        List<String> present = added.keySet().stream().filter(properties::containsKey).toList();
        if (!missing.isEmpty() || !present.isEmpty()) {
            throw new IllegalStateException("configurations.json changed: replaced keys it lacks " + missing + ", added keys it has " + present);
        }
        properties.putAll(replaced);
        properties.putAll(added);
        return new EmrSparkDefaults(properties);
    }

    /** The properties of one classification of configurations.json, in the file's order. */
    public static Map<String, String> classification(JsonNode configurations, String name) {
        for (JsonNode configuration : configurations) {
            if (name.equals(configuration.get("Classification").asText())) {
                Map<String, String> values = new LinkedHashMap<>();
                configuration.get("Properties").fields().forEachRemaining(entry -> values.put(entry.getKey(), entry.getValue().asText()));
                return values;
            }
        }
        throw new IllegalStateException("configurations.json has no '" + name + "' classification");
    }

    public Map<String, String> properties() {
        return properties;
    }

    /** As spark-defaults.conf: one {@code key value} line a property. */
    public String fileText() {
        StringBuilder text = new StringBuilder("# generated from emr/cluster/configurations.json by the cluster test\n");
        properties.forEach((key, value) -> text.append(key).append(' ').append(value).append('\n'));
        return text.toString();
    }
}
