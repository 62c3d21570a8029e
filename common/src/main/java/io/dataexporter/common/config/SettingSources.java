package io.dataexporter.common.config;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one reader of settings for every entry point (both Spark jobs, {@code submit-scheduled}, the API server): layers of
 * values keyed by setting name, highest precedence first. A blank value counts as unset, values are stripped, and the
 * layer a value came from is known. The same key is spelled {@code s3.bucket} in a properties file,
 * {@code DATA_EXPORTER_S3_BUCKET} in the environment and {@code spark.dataexporter.s3.bucket} in Spark conf.
 *
 * <p>Every entry point orders its layers the same way: command-line options, Spark conf (the jobs), the environment,
 * the {@code --config} properties file, then a local stack's {@code stack.properties}.
 */
public final class SettingSources {

    /** One layer: its name (for messages) and its values, keyed by setting name. */
    public record Layer(String name, Map<String, String> values) {
        public Layer {
            values = Map.copyOf(values);
        }
    }

    /** The name of the Spark conf layer. */
    public static final String SPARK_CONF = "Spark conf";

    private final List<Layer> layers;

    public SettingSources(List<Layer> layers) {
        this.layers = List.copyOf(layers);
    }

    /** {@code s3.bucket} as an environment variable: {@code DATA_EXPORTER_S3_BUCKET}. */
    public static String environmentName(String key) {
        return "DATA_EXPORTER_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** {@code s3.bucket} as Spark conf: {@code spark.dataexporter.s3.bucket}. */
    public static String sparkConfName(String key) {
        return "spark.dataexporter." + key;
    }

    /** The environment as a layer of the given keys. */
    public static Layer environment(Map<String, String> environment, Collection<String> keys) {
        return byAlias("environment", environment, keys, false);
    }

    /** Spark conf as a layer of the given keys. */
    public static Layer sparkConf(Map<String, String> conf, Collection<String> keys) {
        return byAlias(SPARK_CONF, conf, keys, true);
    }

    private static Layer byAlias(String name, Map<String, String> raw, Collection<String> keys, boolean spark) {
        Map<String, String> values = new HashMap<>();
        for (String key : keys) {
            String value = raw.get(spark ? sparkConfName(key) : environmentName(key));
            if (value != null) {
                values.put(key, value);
            }
        }
        return new Layer(name, values);
    }

    /** The value of the highest layer that sets the key. */
    public Optional<String> find(String key) {
        return layerOf(key).map(layer -> layer.values().get(key).strip());
    }

    /** Which layer a key's value comes from, or {@code default}. */
    public String origin(String key) {
        return layerOf(key).map(Layer::name).orElse("default");
    }

    /** Every key's value (the defaults where no layer sets it), as one map. */
    public Map<String, String> resolve(Collection<String> keys, Map<String, String> defaults) {
        Map<String, String> resolved = new HashMap<>(defaults);
        for (String key : keys) {
            find(key).ifPresent(value -> resolved.put(key, value));
        }
        return resolved;
    }

    public List<Layer> layers() {
        return layers;
    }

    private Optional<Layer> layerOf(String key) {
        for (Layer layer : layers) {
            String value = layer.values().get(key);
            if (value != null && !value.isBlank()) {
                return Optional.of(layer);
            }
        }
        return Optional.empty();
    }
}
